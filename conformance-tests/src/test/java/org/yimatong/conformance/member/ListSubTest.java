package org.yimatong.conformance.member;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.yimatong.conformance.config.RunConfig;
import org.yimatong.conformance.counterpart.Counterpart;
import org.yimatong.conformance.counterpart.CounterpartServer;
import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.PlanRunner;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestDefinition;
import org.yimatong.conformance.engine.TestResult;
import org.yimatong.conformance.plans.Plans;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.simulator.MemberSimulator;
import org.yimatong.simulator.SimulatorOptions;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

/**
 * The listSub tests (YMT-VER-009, -010) against a fresh simulator whose only list key is the one the suite's
 * counterpart serves: while the counterpart withholds it, the member answers without listSub and both tests FAIL
 * (never skip); once it serves it, the member fetches that key and both pass.
 */
class ListSubTest {

    static final Set<String> LIST_SUB_TESTS = Set.of("YMT-VER-009", "YMT-VER-010");

    @Test
    void aLiveAnswerWithoutListSubFailsAndTheCounterpartsKeyPasses() throws Exception {
        Identity hub = new Identity(SimulatorTarget.HUB, Jwk.generate(SignatureProfile.SM2), Clock.systemUTC());
        try (Counterpart counterpart = new Counterpart(hub, CounterpartServer.start(0));
                MemberSimulator simulator = MemberSimulator.start(SimulatorOptions.parse("--region", "310000",
                        "--port", "0", "--admin-port", "0", "--hub-id", SimulatorTarget.HUB, "--hub-url",
                        counterpart.server().baseUrl().toString(), "--residents", "20", "--seed", "11"))) {
            CounterpartServer server = counterpart.server();
            // the counterpart's own list key stays stubbed underneath: removing the refusal serves it again
            StubMapping refusal = server.wireMock().stubFor(get(urlPathEqualTo(Counterpart.LIST_KEY_PATH))
                    .atPriority(1).willReturn(aResponse().withStatus(503)
                            .withHeader("Content-Type", "application/problem+json").withBody("{\"type\":"
                                    + "\"https://yimatong.org/problems/overloaded\",\"title\":\"Overloaded\",\"status\":503}")));
            RunConfig config = new RunConfig(Plan.MEMBER, simulator.baseUrl(),
                    new RunConfig.Target(Optional.of(SimulatorTarget.MEMBER), false, true),
                    new RunConfig.CounterpartSettings(SimulatorTarget.HUB, Optional.empty(), SignatureProfile.SM2,
                            server.port()),
                    Optional.of(new RunConfig.Fixtures(URI.create("http://127.0.0.1:" + simulator.adminPort() + "/sim"),
                            false, true)),
                    RunConfig.Timeouts.DEFAULT, JsonNodeFactory.instance.objectNode());
            List<TestDefinition> tests = Plans.tests(Plan.MEMBER).stream()
                    .filter(t -> LIST_SUB_TESTS.contains(t.id())).toList();
            assertEquals(LIST_SUB_TESTS.size(), tests.size());

            RunResult withoutKey = new PlanRunner(config, counterpart).run(tests);

            assertEquals(LIST_SUB_TESTS, withoutKey.ids(Outcome.FAILED), outcomes(withoutKey).toString());
            for (TestResult r : withoutKey.results()) {
                assertTrue(r.message().contains("REQ-VER-5") && r.message().contains("must carry listSub"),
                        r.test().id() + ": " + r.message());
            }

            server.wireMock().removeStub(refusal);
            server.forgetReceived();

            // one test at a time: YMT-VER-010 has the member publish, which clears what the counterpart received
            RunResult withKey = new PlanRunner(config, counterpart).run(only(tests, "YMT-VER-009"));
            assertFalse(server.received("GET", Counterpart.LIST_KEY_PATH).isEmpty(),
                    "the member fetched the key the suite's counterpart serves");
            RunResult withKeyAndBatch = new PlanRunner(config, counterpart).run(only(tests, "YMT-VER-010"));

            assertEquals(Set.of("YMT-VER-009"), withKey.ids(Outcome.PASSED), outcomes(withKey).toString());
            assertEquals(Set.of("YMT-VER-010"), withKeyAndBatch.ids(Outcome.PASSED),
                    outcomes(withKeyAndBatch).toString());
        }
    }

    private static List<TestDefinition> only(List<TestDefinition> tests, String id) {
        return tests.stream().filter(t -> t.id().equals(id)).toList();
    }

    private static Map<String, String> outcomes(RunResult run) {
        Map<String, String> outcomes = new TreeMap<>();
        run.results().forEach(r -> outcomes.put(r.test().id(), r.outcome() + ": " + r.message()));
        return outcomes;
    }
}
