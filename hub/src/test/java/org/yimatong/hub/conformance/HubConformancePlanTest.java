package org.yimatong.hub.conformance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.PlanRunner;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.conformance.report.ReportWriter;
import org.yimatong.conformance.report.Versions;
import org.yimatong.hub.memberapi.FakeFederation;
import org.yimatong.hub.memberapi.InjectFederation;
import org.yimatong.hub.testing.ParentHubMock;
import org.yimatong.hub.testing.ParentListKeys;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The conformance suite's {@code hub} plan, run black-box against this test hub over HTTP: the suite plays the
 * hub's members (onboarded through the admin API under the free prefixes 37, 11, 12, 50, 62, and one platform per
 * test under 67: 6701, 6702, ...) and its parent. Every test must pass. Then the report files the runner writes
 * (report.json and report.json.jws) go through the trust-mark upload: a passing run is recorded, a failing one is
 * not.
 */
@QuarkusTest
class HubConformancePlanTest {

    /** The caller the suite verifies codes as; only its requests to the parent are handed to the suite. */
    static final String SUITE_CALLER = "ymt:member:370000";

    private static final Logger LOG = Logger.getLogger(HubConformancePlanTest.class);

    @InjectFederation
    WireMockServer federation;

    /** This test hub is not the root: the list key it hands out comes from its (faked) parent. */
    @BeforeEach
    void theParentHandsOutTheListKey() {
        ParentListKeys.stub(ParentHubMock.client());
    }

    @Test
    void theHubPlanPassesAndItsSignedReportEarnsATrustMark() throws Exception {
        Jwk runnerKey = Jwk.generate(SignatureProfile.SM2);
        RunnerReports.trust(runnerKey);
        selfAsHubMember();
        // the suite cannot earn a mark itself (it holds no runner key this hub trusts), so one exists beforehand
        // and the plan's trust-mark check (YMT-HREG-004) runs instead of skipping
        byte[] earlier = RunnerReports.report("hub", "0.9.0", TestMembers.HUB_ID, "PASSED", Instant.now()
                .truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600), List.of("PASSED"));
        upload(earlier, RunnerReports.sign(runnerKey, earlier)).statusCode(201);

        RunResult run = runPlan(settings("test-admin-token"), Plans.tests(Plan.HUB));
        run.results().forEach(r -> LOG.infof("%s %s in %d ms", r.test().id(), r.outcome(), r.duration().toMillis()));

        assertEquals("", failures(run), "every hub-plan test passes against this hub");
        assertEquals(0, run.count(Outcome.SKIPPED), "nothing is skipped: the suite plays the parent too");

        uploadWrittenReport(run, runnerKey).statusCode(201).body("plan", equalTo("hub"))
                .body("suiteVersion", equalTo(Versions.suite()));
        given().when().get("/v1/members/" + TestMembers.HUB_ID).then().body("trustMarks.suiteVersion",
                org.hamcrest.Matchers.hasItem(Versions.suite()));
    }

    @Test
    void aFailingRunIsRefusedAndRecordsNothing() throws Exception {
        List<TestDefinition> adminTests = Plans.tests(Plan.HUB).stream()
                .filter(t -> t.id().startsWith("YMT-HREG-")).toList();
        RunResult run = runPlan(settings("not-the-admin-token"), adminTests);
        assertFalse(run.passed(), "without the admin token the suite cannot onboard its members");

        Jwk runnerKey = Jwk.generate(SignatureProfile.ES256);
        RunnerReports.trust(runnerKey);
        selfAsHubMember();
        String before = given().when().get("/v1/members/" + TestMembers.HUB_ID).then().extract().path("trustMarks")
                .toString();
        uploadWrittenReport(run, runnerKey).statusCode(422)
                .body("type", equalTo("https://yimatong.org/problems/conformance-not-passed"));
        assertEquals(before, given().when().get("/v1/members/" + TestMembers.HUB_ID).then().extract()
                .path("trustMarks").toString(), "a failing run records nothing");
    }

    /** The runner's own report files (report.json and its detached signature), uploaded as an operator would. */
    private static ValidatableResponse uploadWrittenReport(RunResult run, Jwk runnerKey) throws Exception {
        Path folder = Files.createTempDirectory("ymt-conformance-report");
        ReportWriter.write(run, folder, runnerKey);
        byte[] report = Files.readAllBytes(folder.resolve(ReportWriter.JSON));
        String signature = Files.readString(folder.resolve(ReportWriter.SIGNATURE)).trim();
        return upload(report, signature);
    }

    private RunResult runPlan(ObjectNode hubSettings, List<TestDefinition> tests) throws Exception {
        URI hub = URI.create("http://localhost:" + RestAssured.port);
        RunConfig config = new RunConfig(Plan.HUB, hub,
                new RunConfig.Target(Optional.of(TestMembers.HUB_ID), true, true),
                new RunConfig.CounterpartSettings("ymt:hub:conformance-suite", Optional.empty(), SignatureProfile.SM2,
                        0),
                Optional.empty(), new RunConfig.Timeouts(Duration.ofSeconds(20), Duration.ofSeconds(10),
                        Duration.ofMillis(800)),
                hubSettings);
        try (Counterpart counterpart = Counterpart.start(config)) {
            StubMapping toSuite = federation.stubFor(post(urlPathEqualTo("/v1/verifications")).atPriority(1)
                    .withHeader("Ymt-Path", containing(SUITE_CALLER))
                    .willReturn(aResponse().proxiedFrom(counterpart.server().baseUrl().toString())));
            try {
                return new PlanRunner(config, counterpart).run(tests);
            } finally {
                federation.removeStub(toSuite);
            }
        }
    }

    /** This hub's parent is the shared fake federation; the suite's parent role is reached through it. */
    private static ObjectNode settings(String adminToken) {
        ObjectNode hub = JsonNodeFactory.instance.objectNode().put("adminToken", adminToken)
                .put("outsideRegion", "710101").put("parentEntityId", FakeFederation.PARENT_ID)
                .put("tokenAudience", SUITE_CALLER);
        hub.putObject("regions").put("member", "37").put("down", "11").put("suspended", "12").put("childHub", "50")
                .put("slow", "62").put("fresh", "67");
        return hub;
    }

    /**
     * The report is about this hub, so only a hub holding it as a member may record it. One test hub plays both
     * sides here: it is registered as a HUB member of itself under the unused prefix 82, which no test routes to.
     */
    private static void selfAsHubMember() {
        String jwks = given().when().get("/v1/jwks").then().extract().asString();
        String record = """
                {"entityId":"%s","displayName":"this test hub, as its own parent sees it","kind":"HUB",
                 "regionPrefixes":["82"],"parent":"%s","baseUrl":"http://localhost:%d","dialect":"v1",
                 "jwks":%s,"status":"ACTIVE"}""".formatted(TestMembers.HUB_ID, TestMembers.HUB_ID, RestAssured.port,
                jwks);
        given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(record)
                .when().put("/v1/admin/members/" + TestMembers.HUB_ID).then().statusCode(oneOf(200, 201));
    }

    private static ValidatableResponse upload(byte[] report, String signature) {
        return given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON)
                .header(ConformanceReportResource.SIGNATURE_HEADER, signature).body(report)
                .when().post("/v1/admin/members/" + TestMembers.HUB_ID + "/conformance-reports").then();
    }

    private static String failures(RunResult run) {
        return run.results().stream().filter(r -> r.outcome() != Outcome.PASSED)
                .map(r -> r.test().id() + " " + r.outcome() + ": " + r.message())
                .collect(Collectors.joining("\n"));
    }
}
