package org.yimatong.hub.config;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.LaunchMode;

/**
 * Where this hub is reached from outside, and so its OAuth issuer (RFC 8414): {@code ymt.hub.public-url} without a
 * trailing slash, or, when that is not set (development, tests), {@code http://localhost:<the port it listens on>},
 * known once the HTTP server has bound it (a test's random port included).
 */
@ApplicationScoped
public class PublicUrl {

    private final HubConfig hub;
    private volatile String resolved;

    public PublicUrl(HubConfig hub) {
        this.hub = hub;
    }

    /** The base URL, e.g. {@code https://national.yimatong.example}; never ends with a slash. */
    public String base() {
        String base = resolved;
        if (base == null) {
            base = hub.publicUrl().map(PublicUrl::withoutTrailingSlash).orElseGet(PublicUrl::listening);
            resolved = base;
        }
        return base;
    }

    /** The hub's OAuth issuer identifier: its base URL, the {@code iss} of its tokens. */
    public String issuer() {
        return base();
    }

    /** {@code path} (starting with a slash) under the base URL. */
    public String resolve(String path) {
        return base() + path;
    }

    static String withoutTrailingSlash(String url) {
        return url.strip().replaceAll("/+$", "");
    }

    private static String listening() {
        String property = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        int port = ConfigProvider.getConfig().getOptionalValue(property, Integer.class).orElse(0);
        if (port <= 0) {
            throw new IllegalStateException("ymt.hub.public-url is not set and the HTTP server has not bound its port"
                    + " yet");
        }
        return "http://localhost:" + port;
    }
}
