package org.yimatong.conformance.plans.member;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.conformance.http.HttpAnswer;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.LevelOfAssurance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The target's test fixture API (README, "Test fixture API"): residents of known colours, fresh (or aged) codes,
 * ID tokens at a level of assurance, and a list publication on demand. Not part of the v1 contract: a member
 * exposes it in its test environment only. Calls are recorded like any other. Tests that need a capability the
 * configuration does not declare are skipped, saying which.
 */
final class MemberFixtures {

    private static final String RESIDENTS_KEY = "fixtures.residents";

    /** A synthetic resident: its number at the fixture API, colour, and list pseudonym (if the API gives one). */
    record Resident(int n, Colour colour, String listSub) {}

    /** A code from the fixture API with the colour it was issued for. */
    record IssuedCode(int n, String code, Colour colour) {}

    private final TestContext ctx;
    private final RunConfig.Fixtures settings;

    private MemberFixtures(TestContext ctx, RunConfig.Fixtures settings) {
        this.ctx = ctx;
        this.settings = settings;
    }

    /**
     * The fixture API of the run. Without one the member plan cannot test what it must, so the test fails (it is
     * not skipped: a member must not pass by withholding its fixtures; the runner refuses to start without them).
     */
    static MemberFixtures of(TestContext ctx) {
        RunConfig.Fixtures settings = ctx.config().fixtures().orElseThrow(() -> Check.fail(
                "no test fixture API configured (fixtures.baseUrl): the suite cannot obtain codes of known colours"));
        return new MemberFixtures(ctx, settings);
    }

    /** Every resident, fetched once per run. */
    List<Resident> residents() {
        return ctx.run().shared(RESIDENTS_KEY, () -> {
            JsonNode body = ctx.http().get(url("/residents")).send()
                    .expectStatus(200, "fixture API GET /residents").json();
            List<Resident> list = new ArrayList<>();
            for (JsonNode r : body.path("residents")) {
                Colour colour = Colour.parse(r.path("colour").asText(null));
                list.add(new Resident(r.path("n").asInt(), colour, r.path("listSub").asText(null)));
            }
            Check.that(!list.isEmpty(), "fixture API: GET /residents lists no resident");
            return List.copyOf(list);
        });
    }

    /** The member's region code, as the fixture API's {@code GET /residents} gives it. */
    String region() {
        String region = ctx.run().shared(RESIDENTS_KEY + ".region", () -> ctx.http().get(url("/residents")).send()
                .expectStatus(200, "fixture API GET /residents").json().path("region").asText(""));
        Check.that(region.matches("[0-9]{6}"), "fixture API: GET /residents gives no 6-digit region");
        return region;
    }

    /** The first resident of {@code colour}; a fixture population without one cannot test it (a failure). */
    Resident residentOf(Colour colour) {
        return residents().stream().filter(r -> r.colour() == colour).findFirst().orElseThrow(() -> Check.fail(
                "fixture API: no resident of colour " + colour + " to test with"));
    }

    /** The first resident of {@code colour} that has a list pseudonym (for green lookups and appeals). */
    Resident listedResidentOf(Colour colour) {
        return residents().stream().filter(r -> r.colour() == colour && r.listSub() != null).findFirst()
                .orElseThrow(() -> Check.fail("fixture API: no resident of colour " + colour
                        + " with a listSub (the member has no list key?)"));
    }

    /** A fresh code of a resident of {@code colour}. */
    IssuedCode freshCode(Colour colour) {
        return code(residentOf(colour).n(), 0);
    }

    /** A fresh code of {@code resident}. */
    IssuedCode freshCode(Resident resident) {
        return code(resident.n(), 0);
    }

    /**
     * A code issued {@code ageSeconds} ago (negative: in the future); SKIPPED unless {@code fixtures.agedCodes}.
     */
    IssuedCode agedCode(Colour colour, long ageSeconds) {
        if (!settings.agedCodes()) {
            ctx.skip("the fixture API does not issue aged codes (fixtures.agedCodes is false)");
        }
        return code(residentOf(colour).n(), ageSeconds);
    }

    private IssuedCode code(int n, long ageSeconds) {
        String path = "/residents/" + n + "/code" + (ageSeconds == 0 ? "" : "?ageSeconds=" + ageSeconds);
        JsonNode body = ctx.http().get(url(path)).send().expectStatus(200, "fixture API GET " + path).json();
        String code = body.path("code").asText(null);
        Check.that(code != null, "fixture API: GET " + path + " gave no code");
        Colour colour = Colour.parse(body.path("colour").asText(null));
        return new IssuedCode(n, code, colour);
    }

    /** An ID token of resident {@code n} at {@code level}, for {@code audience}. */
    String idToken(int n, LevelOfAssurance level, String audience) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("resident", n);
        request.put("level", level.uri());
        request.put("audience", audience);
        HttpAnswer answer = ctx.http().post(url("/login")).json(request).send();
        JsonNode body = answer.expectStatus(200, "fixture API POST /login").json();
        String token = body.path("id_token").asText(null);
        Check.that(token != null, "fixture API: POST /login gave no id_token");
        return token;
    }

    /**
     * The relative's code resident {@code guardian} shows for a resident of {@code colour} (REQ-CODE-4); SKIPPED
     * unless {@code fixtures.dependantCodes}.
     */
    IssuedCode dependantCode(Colour colour) {
        if (!settings.dependantCodes()) {
            ctx.skip("the fixture API does not issue relatives' codes (fixtures.dependantCodes is false)");
        }
        Resident dependant = residentOf(colour);
        Resident guardian = residents().stream().filter(r -> r.n() != dependant.n()).findFirst().orElseThrow(
                () -> Check.fail("fixture API: no second resident to be the guardian"));
        String path = "/residents/" + dependant.n() + "/code?guardian=" + guardian.n();
        JsonNode body = ctx.http().get(url(path)).send().expectStatus(200, "fixture API GET " + path).json();
        String code = body.path("code").asText(null);
        Check.that(code != null, "fixture API: GET " + path + " gave no code");
        return new IssuedCode(dependant.n(), code, Colour.parse(body.path("colour").asText(null)));
    }

    /** One of the target's venues as its fixture API lists it: what the venue shows, and the code at its door. */
    record Venue(String vid, String nam, String knd, String rgn, String venueCode) {}

    /** The id of one of the target's venues; SKIPPED unless {@code fixtures.venues}. */
    String venueId() {
        return venues().get(0).vid();
    }

    /** The target's venues, at least one; SKIPPED unless {@code fixtures.venues}. */
    List<Venue> venues() {
        if (!settings.venues()) {
            ctx.skip("the target posts no venue codes (fixtures.venues is false)");
        }
        JsonNode venues = ctx.http().get(url("/venues")).send().expectStatus(200, "fixture API GET /venues").json()
                .path("venues");
        Check.that(venues.size() > 0 && venues.get(0).path("vid").isTextual(),
                "fixture API: GET /venues lists no venue (fixtures.venues is true)");
        List<Venue> list = new ArrayList<>();
        for (JsonNode v : venues) {
            list.add(new Venue(v.path("vid").asText(null), v.path("nam").asText(null), v.path("knd").asText(null),
                    v.path("rgn").asText(null), v.path("venueCode").asText(null)));
        }
        return List.copyOf(list);
    }

    /** The scan ids of the visits the target keeps for venue {@code vid}, in its order. */
    List<String> visitScanIds(String vid) {
        String path = "/venues/" + vid + "/visits";
        JsonNode visits = ctx.http().get(url(path)).send().expectStatus(200, "fixture API GET " + path).json()
                .path("visits");
        List<String> ids = new ArrayList<>();
        visits.forEach(v -> ids.add(v.path("scanId").asText()));
        return ids;
    }

    /**
     * Asks the member to publish its daily list to its hub now; SKIPPED unless {@code fixtures.listPublication}.
     */
    HttpAnswer publishToHub() {
        if (!settings.listPublication()) {
            ctx.skip("the fixture API cannot trigger a list publication to the suite (fixtures.listPublication)");
        }
        return ctx.http().post(url("/lists/publish")).json(Map.of("to", "hub")).send();
    }

    private String url(String path) {
        return settings.baseUrl() + path;
    }
}
