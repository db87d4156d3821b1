package org.yimatong.hub.admission;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Each authenticated caller's quota, by kind: a provincial platform's, a hub's (child hubs and the parent, which
 * carry whole subtrees' traffic), or one member's own where an operator has set it. A quota of {@code requests} per
 * {@code per} is also the largest burst a caller may send at once.
 */
@ConfigMapping(prefix = "ymt.quotas")
public interface QuotasConfig {

    @WithDefault("true")
    boolean enabled();

    /** A provincial platform's quota. */
    Quota platform();

    /** A hub's quota (a child hub or this hub's parent). */
    Quota hub();

    /** Quotas of single members by entity id, in place of their kind's. */
    Map<String, Quota> members();

    interface Quota {
        @WithDefault("5000")
        long requests();

        @WithDefault("1s")
        Duration per();
    }
}
