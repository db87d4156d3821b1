package org.yimatong.adapters.spi;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every adapter shares, given by the hub: its one outbound HTTP client ({@link MemberHttp}), the clock (signatures, dates in passwords,
 * validity of answers), a nonce source, the headers by which the hub authenticates itself to {@code v1}
 * members (e.g. a fresh {@code Ymt-Client-Assertion}), and the list key of the current epoch, with which native
 * adapters turn a document number their platform answers into the subject's list pseudonym (REQ-VER-5).
 */
public record AdapterContext(MemberHttp http, Clock clock, Supplier<String> nonces,
        Function<MemberEndpoint, Map<String, String>> callerHeaders, ListKeySource listKeys) {

    public AdapterContext {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        nonces = nonces == null ? randomNonces() : nonces;
        callerHeaders = callerHeaders == null ? endpoint -> Map.of() : callerHeaders;
        listKeys = listKeys == null ? ListKeySource.unavailable() : listKeys;
    }

    /** A context without a list key source ({@link ListKeySource#unavailable()}). */
    public AdapterContext(MemberHttp http, Clock clock, Supplier<String> nonces,
            Function<MemberEndpoint, Map<String, String>> callerHeaders) {
        this(http, clock, nonces, callerHeaders, null);
    }

    /**
     * A context for tools and tests: a fresh {@link JdkMemberHttp#standard() JDK client}, 128-bit random nonces, no
     * caller headers and no list key source ({@link ListKeySource#unavailable()}). The hub gives its own client.
     */
    public static AdapterContext standard(Clock clock) {
        return new AdapterContext(JdkMemberHttp.standard(), clock, null, null, null);
    }

    public AdapterContext withCallerHeaders(Function<MemberEndpoint, Map<String, String>> headers) {
        return new AdapterContext(http, clock, nonces, headers, listKeys);
    }

    public AdapterContext withNonces(Supplier<String> newNonces) {
        return new AdapterContext(http, clock, newNonces, callerHeaders, listKeys);
    }

    /** The hub's list key of the current epoch, for adapters that compute {@code listSub} (null: none). */
    public AdapterContext withListKeys(ListKeySource source) {
        return new AdapterContext(http, clock, nonces, callerHeaders, source);
    }

    private static Supplier<String> randomNonces() {
        SecureRandom random = new SecureRandom();
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            StringBuilder hex = new StringBuilder(32);
            for (byte b : bytes) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        };
    }
}
