package org.yimatong.conformance.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.http.HttpAnswer;

/** The engine runs declared tests in id order, each to its own outcome, whatever the others do. */
class PlanRunnerTest {

    static Counterpart counterpart;
    static RunConfig config;

    @BeforeAll
    static void startCounterpart() throws Exception {
        RunConfig defaults = RunConfig.defaults(Plan.MEMBER, URI.create("http://127.0.0.1:1"));
        counterpart = Counterpart.start(defaults);
        config = new RunConfig(Plan.MEMBER, counterpart.server().baseUrl(), defaults.target(),
                defaults.counterpart(), Optional.empty(),
                new RunConfig.Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(800)),
                defaults.hubSettings()).withDiscovered(java.util.Optional.of("ymt:member:310000"), false);
    }

    @AfterAll
    static void stop() {
        counterpart.close();
    }

    /** Tests of every kind of ending; declared out of id order on purpose. */
    public static final class Samples {

        @Conformance(id = "YMT-ENG-005", title = "hangs", requirements = "REQ-ERR-1")
        public void hangs(TestContext ctx) throws InterruptedException {
            Thread.sleep(60_000);
        }

        @Conformance(id = "YMT-ENG-001", title = "passes after a recorded call", requirements = "REQ-ERR-1")
        public void passes(TestContext ctx) {
            HttpAnswer answer = ctx.http().get("/v1/jwks").withClientAssertion().send();
            answer.expectStatus(200, "REQ-KEY-1");
            ctx.note("keys served");
        }

        @Conformance(id = "YMT-ENG-006", title = "the counterpart hands out a list key as a hub does",
                requirements = "REQ-LIST-1")
        public void listKey(TestContext ctx) {
            ContractSchemas.expectValid("list-key.json", ctx.http().get("/v1/lists/key").send()
                    .expectJson(200, "list-key.json", "REQ-LIST-1"), "REQ-LIST-1");
        }

        @Conformance(id = "YMT-ENG-002", title = "fails", requirements = "REQ-ERR-1", negative = true)
        public void fails(TestContext ctx) {
            ctx.http().get("/nowhere").send().expectStatus(200, "REQ-ERR-1: the path must answer");
        }

        @Conformance(id = "YMT-ENG-003", title = "throws", requirements = "REQ-ERR-1")
        public void breaks(TestContext ctx) {
            throw new IllegalStateException("a bug in the test");
        }

        @Conformance(id = "YMT-ENG-004", title = "skips", requirements = "REQ-ERR-1")
        public void skips(TestContext ctx) {
            ctx.skip("the target lacks an optional capability");
        }
    }

    @Test
    void everyTestGetsItsOwnOutcomeInIdOrder() {
        RunResult result = new PlanRunner(config, counterpart)
                .run(TestCatalog.scan(Plan.MEMBER, List.of(Samples.class)));

        assertEquals(List.of("YMT-ENG-001", "YMT-ENG-002", "YMT-ENG-003", "YMT-ENG-004", "YMT-ENG-005",
                "YMT-ENG-006"),
                result.results().stream().map(r -> r.test().id()).toList());
        Map<String, TestResult> byId = new HashMap<>();
        result.results().forEach(r -> byId.put(r.test().id(), r));
        assertEquals(Outcome.PASSED, byId.get("YMT-ENG-001").outcome());
        assertEquals(List.of("keys served"), byId.get("YMT-ENG-001").notes());
        assertEquals(Outcome.FAILED, byId.get("YMT-ENG-002").outcome());
        assertTrue(byId.get("YMT-ENG-002").message().startsWith("REQ-ERR-1: the path must answer"));
        assertEquals(Outcome.FAILED, byId.get("YMT-ENG-003").outcome());
        assertTrue(byId.get("YMT-ENG-003").message().contains("a bug in the test"));
        assertEquals(Outcome.SKIPPED, byId.get("YMT-ENG-004").outcome());
        assertEquals(Outcome.FAILED, byId.get("YMT-ENG-005").outcome());
        assertTrue(byId.get("YMT-ENG-005").message().contains("did not finish within 1 s"));
        assertTrue(byId.get("YMT-ENG-005").duration().compareTo(Duration.ofSeconds(5)) < 0);
        assertEquals(Outcome.PASSED, byId.get("YMT-ENG-006").outcome(), byId.get("YMT-ENG-006").message());
        assertEquals(false, result.passed());
    }

    @Test
    void theRecordedExchangeKeepsNoAssertion() {
        RunResult result = new PlanRunner(config, counterpart)
                .run(TestCatalog.scan(Plan.MEMBER, List.of(Samples.class)));
        var exchange = result.results().get(0).exchanges().get(0);
        assertEquals(200, exchange.status());
        assertEquals(List.of("[redacted]"), exchange.requestHeaders().get("Ymt-Client-Assertion"));
    }

    public static final class Duplicates {
        @Conformance(id = "YMT-ENG-001", title = "one", requirements = "REQ-ERR-1")
        public void one(TestContext ctx) {
        }

        @Conformance(id = "YMT-ENG-001", title = "two", requirements = "REQ-ERR-1")
        public void two(TestContext ctx) {
        }
    }

    @Test
    void aDuplicateIdIsRefusedWhenThePlanIsLoaded() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestCatalog.scan(Plan.MEMBER, List.of(Duplicates.class)));
        assertTrue(e.getMessage().contains("YMT-ENG-001"));
    }
}
