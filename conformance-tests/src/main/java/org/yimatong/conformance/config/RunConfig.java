package org.yimatong.conformance.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.yimatong.conformance.engine.Plan;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Everything a run needs to know about its target and itself.
 *
 * @param baseUrl the target's base URL (the member's {@code baseUrl}, or the hub's), no trailing slash
 * @param hubSettings the free-form {@code "hub"} section for the hub plan's own settings (empty object if absent)
 */
public record RunConfig(Plan plan, URI baseUrl, Target target, CounterpartSettings counterpart,
        Optional<Fixtures> fixtures, Timeouts timeouts, JsonNode hubSettings) {

    /**
     * @param entityId the target's entity id; empty to discover it from {@code /.well-known/yimatong}
     * @param requiresClientAssertion the target refuses calls without the counterpart's {@code Ymt-Client-Assertion}
     *     (false when it authenticates the hub by mutual TLS only: assertion tests are then skipped)
     * @param allowPlainHttp test environments only: accept {@code http://} where the contract says {@code https://}
     *     (entity configuration URLs), because the target listens on plain loopback HTTP; the runner allows it only
     *     for a target that declares itself a development deployment
     * @param development the target declares itself a development deployment ({@code /.well-known/yimatong}): the
     *     report says so, and no hub records a trust mark from it
     */
    public record Target(Optional<String> entityId, boolean requiresClientAssertion, boolean allowPlainHttp,
            boolean development) {

        public Target(Optional<String> entityId, boolean requiresClientAssertion, boolean allowPlainHttp) {
            this(entityId, requiresClientAssertion, allowPlainHttp, false);
        }
    }

    /**
     * @param entityId the entity id the suite signs as (testing a member: the member's parent hub)
     * @param keyFile the counterpart's private JWK file (created if absent), so the target can trust a fixed key;
     *     empty: a fresh key each run
     * @param profile profile of a generated key
     * @param port the counterpart's listener port on 127.0.0.1 (0 = any free port)
     */
    public record CounterpartSettings(String entityId, Optional<Path> keyFile, SignatureProfile profile, int port) {}

    /**
     * The target's test fixture API (README "Test fixture API").
     *
     * @param baseUrl where {@code /residents}, {@code /residents/{n}/code}, {@code /login} and {@code /lists/publish}
     *     live
     * @param agedCodes it honours {@code ?ageSeconds=N} on {@code /residents/{n}/code} (expired and future codes)
     * @param listPublication {@code POST /lists/publish {"to":"hub"}} makes the target push its daily batch to the
     *     counterpart
     * @param venues the target posts venue codes (DESIGN.md §5a): {@code GET /venues} lists them and
     *     {@code GET /venues/{vid}/visits} the visits it keeps (REQ-VENUE-2)
     * @param dependantCodes {@code /residents/{n}/code?guardian=j} gives the relative's code {@code j} shows for
     *     {@code n} (REQ-CODE-4)
     */
    public record Fixtures(URI baseUrl, boolean agedCodes, boolean listPublication, boolean venues,
            boolean dependantCodes) {

        /** A fixture API without venues or relatives' codes. */
        public Fixtures(URI baseUrl, boolean agedCodes, boolean listPublication) {
            this(baseUrl, agedCodes, listPublication, false, false);
        }
    }

    /**
     * @param test longest a test may run before it is failed
     * @param request longest the suite waits for one answer
     * @param answerBudget the hub's timeout for a member's answer (800 ms default, DESIGN.md §6)
     */
    public record Timeouts(Duration test, Duration request, Duration answerBudget) {
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofMillis(800));
    }

    /** The defaults of everything but the plan and base URL. */
    public static RunConfig defaults(Plan plan, URI baseUrl) {
        return new RunConfig(plan, baseUrl, new Target(Optional.empty(), false, false),
                new CounterpartSettings("ymt:hub:yrd", Optional.empty(), SignatureProfile.SM2, 0), Optional.empty(),
                Timeouts.DEFAULT, JsonNodeFactory.instance.objectNode());
    }

    /**
     * The same configuration with what the target says of itself: its entity id (unless configured) and whether it
     * is a development deployment, which allows plain http.
     */
    public RunConfig withDiscovered(Optional<String> entityId, boolean development) {
        return new RunConfig(plan, baseUrl, new Target(target.entityId().or(() -> entityId),
                target.requiresClientAssertion(), target.allowPlainHttp() || development, development),
                counterpart, fixtures, timeouts, hubSettings);
    }

    /** The target's entity id; fails if it was neither configured nor discovered. */
    public String targetEntityId() {
        return target.entityId().orElseThrow(() -> new IllegalStateException(
                "the target's entity id is neither configured (target.entityId) nor discovered"));
    }
}
