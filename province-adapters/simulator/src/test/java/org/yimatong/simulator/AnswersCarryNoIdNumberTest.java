package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** REQ-PRIV-1: no answer of the simulator, on any path, right or wrong, carries a resident's ID number. */
class AnswersCarryNoIdNumberTest {

    @TempDir
    Path inbox;

    @Test
    void noPlaintextIdNumberAppearsInAnyAnswerBody() throws Exception {
        try (RunningSimulator running = RunningSimulator.startWithTestKey("--inbox", inbox.toString())) {
            MemberSimulator sim = running.sim;
            String sub = running.pseudonym(3, RunningSimulator.LIST_KEY);
            running.get("/.well-known/yimatong");
            running.get("/member/v1/jwks");
            running.get("/sim/residents");
            running.get("/sim/faults");
            for (int n = 1; n <= sim.population().size(); n++) {
                String code = running.get("/sim/residents/" + n + "/code").json().get("code").asText();
                running.post("/member/v1/verifications", RunningSimulator.verification(code));
                running.post("/sim/login", "{\"resident\":" + n + ",\"level\":\"basic\"}");
            }
            running.post("/member/v1/verifications", RunningSimulator.verification(sim.code(4,
                    Instant.now().minusSeconds(600))));
            running.post("/member/v1/verifications", "{\"code\":\"not a code at all\"}");
            running.post("/member/v1/green-lookups", "{\"sub\":\"" + sub + "\",\"rgn\":\"310000\"}");
            running.post("/member/v1/appeals", "{\"sub\":\"" + sub + "\",\"rgn\":\"310000\",\"ground\":\"OTHER\","
                    + "\"statement\":\"please check\"}", Map.of("Ymt-Appeal-Id", "a-1"));
            running.post("/sim/lists/publish", "{\"to\":\"inbox\"}");
            running.get("/sim/residents/999/code");
            running.post("/sim/faults", "{\"malformedAnswers\":true}");
            running.post("/member/v1/green-lookups", "{\"sub\":\"" + sub + "\",\"rgn\":\"310000\"}");

            String all = String.join("\n", running.bodies);
            assertTrue(running.bodies.size() > 60);
            for (Resident resident : sim.population().all()) {
                String id = resident.idNumber().value();
                assertFalse(all.contains(id), "answer carries the ID number of resident " + resident.number());
                assertFalse(all.contains(id.substring(0, 17)), "answer carries most of an ID number");
            }
        }
    }
}
