package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.SignatureProfile;

class SimulatorOptionsTest {

    @Test
    void defaultsServeShanghaiWithSm2OnAnyPort() {
        SimulatorOptions options = SimulatorOptions.parse();

        assertEquals("ymt:member:310000", options.entityId());
        assertEquals(0, options.port());
        assertEquals(SignatureProfile.SM2, options.profile());
        assertEquals(100, options.residents());
        assertEquals(Faults.NONE, options.faults());
    }

    @Test
    void faultFlagsSetTheStartingFaults() {
        SimulatorOptions options = SimulatorOptions.parse("--region", "620000", "--alg", "es256", "--latency-ms",
                "250", "--error-rate", "0.5", "--down", "--wrong-colour", "--accept-expired");

        assertEquals("ymt:member:620000", options.entityId());
        assertEquals(SignatureProfile.ES256, options.profile());
        assertEquals(new Faults(250, 0.5, true, true, true, false), options.faults());
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--region", "31"));
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--error-rate", "1.5"));
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--alg", "RS256"));
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--frobnicate", "1"));
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--port"));
    }

    @Test
    void usageErrorsSayWhatIsWrongInTheSimulatorsWords() {
        assertEquals("--region: bad value 31", usageError("--region", "31"));
        assertEquals("--port must be a whole number 0..65535", usageError("--port", "x"));
        assertEquals("--alg must be SM2 or ES256", usageError("--alg", "RS256"));
        assertEquals("--error-rate must be a number 0..1", usageError("--error-rate", "1.5"));
        assertEquals("unknown option --frobnicate", usageError("--frobnicate", "1"));
        assertEquals("unexpected argument frobnicate", usageError("frobnicate"));
        assertEquals("--port needs a value", usageError("--port"));
        assertEquals("--publish inbox|both needs --inbox", usageError("--publish", "inbox"));
        assertEquals("--require-client-assertion needs --hub-jwks-file or --hub-url",
                usageError("--require-client-assertion"));
    }

    @Test
    void negativeNumbersAreValuesNotOptions() {
        SimulatorOptions options = SimulatorOptions.parse("--admin-port", "-1", "--seed", "-5");

        assertEquals(-1, options.adminPort());
        assertEquals(-5, options.seed());
    }

    @Test
    void theLastOfARepeatedOptionCounts() {
        assertEquals(8082, SimulatorOptions.parse("--port", "8081", "--port", "8082").port());
    }

    @Test
    void pushingNeedsAHubUrl() {
        SimulatorOptions.UsageException e = assertThrows(SimulatorOptions.UsageException.class,
                () -> SimulatorOptions.parse("--publish", "hub"));

        assertTrue(e.getMessage().contains("--hub-url"));
    }

    @Test
    void listKeyIsTheHubsWithAHubUrlAndRandomWithout() {
        assertEquals("random", SimulatorOptions.parse().listKey());
        assertEquals("hub", SimulatorOptions.parse("--hub-url", "http://127.0.0.1:8080").listKey());
        assertEquals("random", SimulatorOptions.parse("--hub-url", "http://127.0.0.1:8080", "--list-key", "random")
                .listKey());
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
        assertEquals(key, SimulatorOptions.parse("--list-key", key).listKey());
    }

    @Test
    void derivedListKeysAreGone() {
        SimulatorOptions.UsageException e = assertThrows(SimulatorOptions.UsageException.class,
                () -> SimulatorOptions.parse("--list-key", "derived"));

        assertTrue(e.getMessage().contains("random"), e.getMessage());
        assertFalse(SimulatorOptions.USAGE.contains("derived"));
    }

    @Test
    void badListKeysAreUsageErrors() {
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--list-key", "c2hvcnQ"));
        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("--list-key", "hub"));
    }

    @Test
    void helpIsAnEmptyUsageException() {
        SimulatorOptions.UsageException e = assertThrows(SimulatorOptions.UsageException.class,
                () -> SimulatorOptions.parse("--help"));

        assertEquals("", e.getMessage());
        assertEquals("", assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse("-h"))
                .getMessage());
        assertTrue(SimulatorOptions.USAGE.startsWith("Usage: java -jar ymt-member-simulator.jar [options]"),
                SimulatorOptions.USAGE);
        for (String option : List.of("--region", "--entity-id", "--port", "--admin-port", "--alg", "--key-file",
                "--hub-id", "--hub-url", "--residents", "--seed", "--list-key", "--inbox", "--publish",
                "--require-client-assertion", "--hub-jwks-file", "--answer-validity-seconds", "--soap-app-id",
                "--latency-ms", "--error-rate", "--down", "--wrong-colour", "--accept-expired", "--malformed-answers",
                "--help")) {
            assertTrue(SimulatorOptions.USAGE.contains(option), option);
        }
    }

    private static String usageError(String... args) {
        return assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse(args)).getMessage();
    }
}
