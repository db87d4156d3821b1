package org.yimatong.deploy.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The deploy/local scenario in CI: two real hubs (each with its embedded PostgreSQL) and four real simulators on
 * loopback HTTP, exactly as {@code deploy/local/run.sh} runs them. Every step must give its expected answer, and no
 * process may outlive the run.
 */
class LocalFederationIT {

    @Test
    void everyStepOfTheScenarioGivesTheExpectedAnswerAndEveryProcessIsStopped() throws Exception {
        Path repo = Path.of(System.getProperty("ymt.repo", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("deploy/target/local-federation");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Long> before = javaProcesses();
        LocalFederation federation = new LocalFederation(repo, work,
                new PrintStream(new TeeStream(printed), true, StandardCharsets.UTF_8), Duration.ofSeconds(240),
                3000, "");

        int failed = federation.run(work);

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), federation.failures(), output);
        assertEquals(0, failed);
        assertTrue(output.contains("RESULT: all 13 steps gave the expected answer"), output);
        for (String expected : List.of("source LIVE, home ymt:member:310000", "answered live by the SOAP gateway",
                "UNKNOWN (reason HOME_UNAVAILABLE)", "home ymt:member:320000",
                "served the person by its pairwise sub, level urn:ymt:loa:substantial",
                "step-up challenge (RFC 9470): sign in again at urn:ymt:loa:high", "refused, no token",
                "RED from the list (source LIST, reason LISTED), though Jiangsu answered GREEN",
                "hold the same list key", "refused the list key: HTTP 403",
                "RED from the national hub's own list state", "PERF-7 summary: 100 of 100",
                "every change reached every hub",
                "Gansu's codes live 24 h, as its record at the national hub allows",
                "(codePolicy.maxLifetimeSeconds 86400), and 5 venues post codes",
                "scan accepted at once; Shanghai's app shows the venue \"模拟", "the visit reached Gansu's platform",
                "YELLOW at the Shanghai checkpoint (source LIST, reason LISTED)",
                "answered live by Gansu's platform (source LIVE, home ymt:member:620000), 5 h after",
                "UNKNOWN (reason HOME_UNAVAILABLE, source NONE) with Gansu's platform down",
                "Gansu's code string GSJKM1:620000:... GREEN, answered live by Gansu's platform (source LIVE, home"
                        + " ymt:member:620000): recognised by the v1 dialect",
                "Gansu's code string UNKNOWN (reason HOME_UNAVAILABLE, source NONE) with Gansu's platform down",
                "at the Gansu checkpoint (source LIVE, home ymt:member:310000)",
                "resident 2's access log at Shanghai's platform lists VERIFICATION by ymt:member:620198 (the Gansu"
                        + " checkpoint) at 20",
                "=== step 12: a Shanghai resident at a Lanzhou station", "), no test date disclosed, decided under"
                        + " purpose policy version 1",
                "access log lists DISCLOSURE DECISION:naat to ymt:member:620198 for station-entry",
                "meets: false with a 72 h old test, still no test date disclosed",
                "=== step 13: the regional hub yrd stops", "RED (source LIST) with yrd down")) {
            assertTrue(output.contains(expected), "missing \"" + expected + "\" in\n" + output);
        }
        assertFalse(output.contains("FAILED"), output);
        List<Long> left = javaProcesses();
        left.removeAll(before);
        assertEquals(List.of(), left, "processes left running");
    }

    /** Child processes of this JVM still alive (the hubs, simulators and their PostgreSQL servers). */
    private static List<Long> javaProcesses() {
        return new java.util.ArrayList<>(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid).toList());
    }

    /** Prints to the test log as it goes and keeps a copy for the assertions. */
    private static final class TeeStream extends java.io.OutputStream {
        private final ByteArrayOutputStream copy;

        TeeStream(ByteArrayOutputStream copy) {
            this.copy = copy;
        }

        @Override
        public void write(int b) {
            copy.write(b);
            System.out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            copy.write(b, off, len);
            System.out.write(b, off, len);
        }
    }
}
