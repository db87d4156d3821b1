package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FaultsTest {

    RunningSimulator running;

    @AfterEach
    void stop() {
        running.close();
    }

    @Test
    void latencyFaultDelaysMemberAnswers() throws Exception {
        running = RunningSimulator.start("--latency-ms", "400");

        long started = System.nanoTime();
        RunningSimulator.Answer answer = running.get("/member/v1/jwks");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(200, answer.status());
        assertTrue(took.toMillis() >= 400, "answered after " + took.toMillis() + " ms");
    }

    @Test
    void latencyFaultSparesTheSimulatorPaths() throws Exception {
        running = RunningSimulator.start("--latency-ms", "5000");

        long started = System.nanoTime();
        running.get("/sim/faults");

        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 5000);
    }

    @Test
    void errorRateOneAnswersEveryMemberRequestWith500() throws Exception {
        running = RunningSimulator.start("--error-rate", "1.0");

        for (int i = 0; i < 5; i++) {
            RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                    RunningSimulator.verification(running.sim.code(1)));
            assertEquals(500, answer.status());
            assertEquals("https://yimatong.org/problems/internal", answer.json().get("type").asText());
        }
    }

    @Test
    void wrongColourFaultAnswersTheNextColour() throws Exception {
        running = RunningSimulator.start("--wrong-colour");

        RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                RunningSimulator.verification(running.sim.code(1)));

        assertEquals("YELLOW", answer.json().get("status").asText());
    }

    @Test
    void faultsAreSetAtRuntimeThroughTheAdminPath() throws Exception {
        running = RunningSimulator.start();

        RunningSimulator.Answer set = running.post("/sim/faults", "{\"errorRate\":1.0,\"wrongColour\":true}");

        assertEquals(200, set.status());
        assertEquals(1.0, running.sim.faults().errorRate());
        assertTrue(running.sim.faults().wrongColour());
        assertEquals(500, running.get("/member/v1/jwks").status());
    }

    @Test
    void unknownFaultIsAValidationProblem() throws Exception {
        running = RunningSimulator.start();

        RunningSimulator.Answer answer = running.post("/sim/faults", "{\"explode\":true,\"errorRate\":2}");

        assertEquals(400, answer.status());
        assertEquals(2, answer.json().get("errors").size());
    }

    @Test
    void downFaultRefusesConnectionsUntilTheAdminListenerTurnsItOff() throws Exception {
        running = RunningSimulator.start();
        int port = running.sim.port();

        assertEquals(200, running.post("/sim/faults", "{\"down\":true}").status());

        // a new client: the shared one may hold a kept-alive connection from before, which fails otherwise
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(running.uri("/member/v1/jwks")).GET().build(),
                HttpResponse.BodyHandlers.discarding()));
        assertFalse(running.sim.listening());

        RunningSimulator.Answer up = running.post(running.adminUri("/sim/faults"), "application/json",
                "{\"down\":false}", Map.of());
        assertEquals(200, up.status());
        assertEquals(port, running.sim.port());
        assertEquals(200, running.get("/member/v1/jwks").status());
    }

    @Test
    void startedDownTheMemberApiRefusesConnections() throws Exception {
        running = RunningSimulator.start("--down");

        assertThrows(ConnectException.class, () -> running.send(
                HttpRequest.newBuilder(running.uri("/member/v1/jwks")).GET(), Map.of()));
        assertEquals(200, running.send(HttpRequest.newBuilder(running.adminUri("/sim/faults")).GET(), Map.of())
                .status());
    }
}
