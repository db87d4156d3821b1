package org.yimatong.adapters.spi;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every adapter shares, given by the hub: one HTTP client, the clock (signatures, dates in passwords,
 * validity of answers), a nonce source, and the headers by which the hub authenticates itself to {@code v1}
 * members (e.g. a fresh {@code Ymt-Client-Assertion}).
 */
public record AdapterContext(HttpClient http, Clock clock, Supplier<String> nonces,
        Function<MemberEndpoint, Map<String, String>> callerHeaders) {

    public AdapterContext {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
        nonces = nonces == null ? randomNonces() : nonces;
        callerHeaders = callerHeaders == null ? endpoint -> Map.of() : callerHeaders;
    }

    /** A context with a fresh HTTP client (HTTP/1.1, 2 s connect timeout) and 128-bit random nonces. */
    public static AdapterContext standard(Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        return new AdapterContext(http, clock, null, null);
    }

    public AdapterContext withCallerHeaders(Function<MemberEndpoint, Map<String, String>> headers) {
        return new AdapterContext(http, clock, nonces, headers);
    }

    public AdapterContext withNonces(Supplier<String> newNonces) {
        return new AdapterContext(http, clock, newNonces, callerHeaders);
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
