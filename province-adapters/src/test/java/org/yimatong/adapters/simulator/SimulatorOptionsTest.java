package org.yimatong.adapters.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(SimulatorOptions.USAGE.contains("--error-rate"));
    }
}
