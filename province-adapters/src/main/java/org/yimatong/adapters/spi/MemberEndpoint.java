package org.yimatong.adapters.spi;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one member as its adapter needs them; the hub builds it from the member record and its
 * secret store.
 *
 * @param member entity id of the member, e.g. {@code ymt:member:310000}; every problem names it
 * @param region 6-digit region code the member answers for (used where the native answer does not say, e.g.
 *     the {@code rgn} of list entries)
 * @param dialect one of {@link AdapterRegistry#dialects()}
 * @param baseUrl base URL of the native API (for {@code v1}: the member record's {@code baseUrl})
 * @param credentials what the native API wants from the hub; {@link Credentials#NONE} for {@code v1}
 *     (the hub authenticates by TLS or client assertion, see {@link AdapterContext#callerHeaders()})
 * @param timeout how long one native call may take before it fails with {@code member-timeout}
 * @param options dialect-specific settings, documented per dialect in the module README
 */
public record MemberEndpoint(String member, String region, String dialect, URI baseUrl, Credentials credentials,
        Duration timeout, Map<String, String> options) {

    /** The hub's default member timeout (DESIGN.md §6). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(800);

    public MemberEndpoint {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(baseUrl, "baseUrl");
        credentials = credentials == null ? Credentials.NONE : credentials;
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public MemberEndpoint(String member, String region, String dialect, URI baseUrl, Credentials credentials) {
        this(member, region, dialect, baseUrl, credentials, DEFAULT_TIMEOUT, Map.of());
    }

    public MemberEndpoint withTimeout(Duration newTimeout) {
        return new MemberEndpoint(member, region, dialect, baseUrl, credentials, newTimeout, options);
    }

    public MemberEndpoint withOption(String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(options);
        copy.put(name, value);
        return new MemberEndpoint(member, region, dialect, baseUrl, credentials, timeout, copy);
    }

    public MemberEndpoint withCredentials(Credentials newCredentials) {
        return new MemberEndpoint(member, region, dialect, baseUrl, newCredentials, timeout, options);
    }

    /** The option {@code name}, or {@code fallback}. */
    public String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** {@code baseUrl} joined with {@code path} (which starts with {@code /}), without a doubled slash. */
    public URI resolve(String path) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
