package org.yimatong.conformance.plans.hub;

import java.time.Duration;
import java.util.Optional;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.TestContext;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code "hub"} section of the run configuration, as the hub plan reads it:
 *
 * <pre>{@code
 * "hub": {
 *   "adminToken": "...",                 // required: the suite onboards its virtual members with it
 *   "regions": {"member": "37", "down": "11", "suspended": "12", "childHub": "50", "slow": "62",
 *               "fresh": "67"},      // under "fresh", one 4-digit prefix (6701, 6702, ...) per test that needs a
 *                                    // platform of its own
 *   "outsideRegion": "710101",           // a region no member of the hub serves
 *   "parentEntityId": "ymt:hub:parent",  // set when the hub's parent URL is the suite's listener
 *   "answerMarginMs": 1000,              // the hub's own work on top of timeouts.answerBudgetMs
 *   "tokenAudience": "ymt:member:370000" // a department the hub issues tokens for at minimum substantial: the
 *                                        // suite's active virtual member (its regions.member prefix)
 * }
 * }</pre>
 *
 * The region prefixes must be free at the target hub (2-digit GB/T 2260 prefixes no member of it serves, none
 * nested in another: {@code fresh} too, with nothing under it).
 */
public record HubSettings(String adminToken, Regions regions, String outsideRegion, Optional<String> parentEntityId,
        Duration answerMargin, Optional<String> tokenAudience) {

    /**
     * The prefix each virtual member serves; {@code fresh} is the 2-digit prefix under which
     * {@link VirtualFederation#fresh} onboards a platform per test (its 4-digit prefixes).
     */
    public record Regions(String member, String down, String suspended, String childHub, String slow, String fresh) {}

    public static HubSettings of(TestContext ctx) {
        return ctx.run().shared("hub-settings", () -> read(ctx.config().hubSettings()));
    }

    static HubSettings read(JsonNode hub) {
        String token = hub.path("adminToken").asText("");
        Check.that(!token.isBlank(), "the hub plan needs hub.adminToken in the configuration: the suite onboards its"
                + " virtual members through the hub's admin API");
        JsonNode r = hub.path("regions");
        Regions regions = new Regions(r.path("member").asText("37"), r.path("down").asText("11"),
                r.path("suspended").asText("12"), r.path("childHub").asText("50"), r.path("slow").asText("62"),
                r.path("fresh").asText("67"));
        Check.that(regions.fresh().matches("[0-9]{2}"), "hub.regions.fresh must be a 2-digit region prefix: the suite"
                + " onboards platforms of its own under it; got " + regions.fresh());
        return new HubSettings(token, regions, hub.path("outsideRegion").asText("710101"),
                optional(hub, "parentEntityId"), Duration.ofMillis(hub.path("answerMarginMs").asLong(1000)),
                optional(hub, "tokenAudience"));
    }

    private static Optional<String> optional(JsonNode hub, String key) {
        String value = hub.path(key).asText("");
        return value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String adminAuthorization() {
        return "Bearer " + adminToken;
    }
}
