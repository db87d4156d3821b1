package org.yimatong.adapters.spi;

import java.util.Optional;

/** Makes the adapter of one dialect for one member. */
public interface AdapterFactory {

    /** The dialect name of member records, e.g. {@code soap-md5}. */
    String dialect();

    /**
     * @throws IllegalArgumentException if the endpoint lacks a setting the dialect needs (checked here, at
     *     registration, not on the first call)
     */
    MemberAdapter create(MemberEndpoint endpoint, AdapterContext context);

    /**
     * The recogniser of the native code strings this dialect's platforms print (REQ-CODE-2); empty for a dialect
     * whose platforms show v1 dynamic codes only.
     */
    default Optional<NativeCodes> nativeCodes() {
        return Optional.empty();
    }
}
