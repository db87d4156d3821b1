package org.yimatong.adapters.spi;

import java.util.Optional;

/**
 * A dialect's recogniser of its platforms' native code strings (DESIGN.md §5, REQ-CODE-2): does this string belong
 * to a platform of the dialect, and which region issued it. Recognising is no verdict: the code is then checked live
 * with its issuer ({@link MemberAdapter#verifyNative}); nobody reads a colour from the string.
 *
 * <p>Implementations are pure and cheap (no I/O, no clock, no key), thread-safe, and never throw: any input (null,
 * empty, huge, NUL bytes, another dialect's code, a JWS) that is not theirs is {@link Optional#empty()}.
 */
@FunctionalInterface
public interface NativeCodes {

    /** The issuing region and an audit id of {@code code} if it is a native code of this dialect; else empty. */
    Optional<NativeCode> recognise(String code);
}
