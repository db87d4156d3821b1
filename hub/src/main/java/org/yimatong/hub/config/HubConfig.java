package org.yimatong.hub.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Who this hub is in the tree (DESIGN.md §1) and where it is reached. */
@ConfigMapping(prefix = "ymt.hub")
public interface HubConfig {

    /** This hub's entity id, e.g. {@code ymt:hub:national} or {@code ymt:hub:yrd}. */
    @WithDefault("ymt:hub:national")
    String entityId();

    /** Human-readable name shown in the entity configuration. */
    @WithDefault("Yimatong national hub")
    String displayName();

    /**
     * The base URL members and clients use to reach this hub, and its OAuth issuer (the {@code iss} of its tokens,
     * RFC 8414). Unset, it is {@code http://localhost:<port>} ({@link PublicUrl}); a production hub must set an https
     * URL.
     */
    Optional<String> publicUrl();

    /** The parent hub's entity id; empty for the root of the tree. */
    Optional<String> parentEntityId();

    /**
     * The parent hub's base URLs, comma-separated, in the order they are tried (REQ-HA-3: a parent reachable at
     * several addresses, each with its own breaker); empty for the root of the tree.
     */
    @WithName("parent-url")
    Optional<List<String>> parentUrls();

    /**
     * {@code development} (the default: plain http allowed, and said so in the entity configuration, so conformance
     * reports about this hub are marked development and earn no trust mark) or {@code production} (the hub refuses to
     * start without TLS and an https public URL, see {@code discovery.ProductionChecks}).
     */
    @WithDefault("development")
    Deployment deployment();

    enum Deployment {
        DEVELOPMENT, PRODUCTION
    }

    /** Signature algorithms this hub signs with, first one preferred. */
    @WithDefault("SM2,ES256")
    List<String> signingAlgorithms();
}
