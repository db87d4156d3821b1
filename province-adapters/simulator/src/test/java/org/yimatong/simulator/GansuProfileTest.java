package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;

/**
 * Gansu's platform as the simulator plays it: codes valid for a day (REQ-CODE-3), answered live for as long as they
 * live, and venues; {@code --profile gansu} sets all of it, explicit options win.
 */
class GansuProfileTest {

    @Test
    void withoutAProfileCodesLiveAMinuteAndThereAreNoVenues() {
        SimulatorOptions options = SimulatorOptions.parse();

        assertEquals(Duration.ofSeconds(60), options.codeLifetime());
        assertEquals(0, options.venues());
        assertEquals("310000", options.region());
    }

    @Test
    void gansuProfileIsRegion620000WithDayLongCodesAndFiveVenues() {
        SimulatorOptions options = SimulatorOptions.parse("--profile", "gansu");

        assertEquals("620000", options.region());
        assertEquals("ymt:member:620000", options.entityId());
        assertEquals(Duration.ofHours(24), options.codeLifetime());
        assertEquals(5, options.venues());
    }

    @Test
    void explicitOptionsWinOverTheProfileInAnyOrder() {
        SimulatorOptions before = SimulatorOptions.parse("--venues", "2", "--profile", "gansu", "--region", "620100");
        SimulatorOptions after = SimulatorOptions.parse("--profile", "gansu", "--code-lifetime", "3600");

        assertEquals(2, before.venues());
        assertEquals("620100", before.region());
        assertEquals(Duration.ofHours(24), before.codeLifetime());
        assertEquals(Duration.ofHours(1), after.codeLifetime());
        assertEquals(5, after.venues());
    }

    @ParameterizedTest
    @ValueSource(strings = { "--code-lifetime=0", "--code-lifetime=86401", "--code-lifetime=1h", "--venues=-1",
            "--venues=1001", "--profile=zhejiang" })
    void badValuesAreRefused(String option) {
        String[] parts = option.split("=", 2);

        assertThrows(SimulatorOptions.UsageException.class, () -> SimulatorOptions.parse(parts[0], parts[1]));
    }

    @Test
    void helpNamesTheNewOptions() {
        assertTrue(SimulatorOptions.USAGE.contains("--code-lifetime"), SimulatorOptions.USAGE);
        assertTrue(SimulatorOptions.USAGE.contains("--venues"));
        assertTrue(SimulatorOptions.USAGE.contains("--profile"));
    }

    @Test
    void aDayLongCodeIsAnsweredLiveAllDayAndRefusedAfter() throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ListKeyModesTest.MutableClock clock = new ListKeyModesTest.MutableClock(start);
        try (RunningSimulator running = RunningSimulator.start(clock, "--profile", "gansu", "--admin-port", "-1")) {
            String code = running.sim.code(2);
            CodeClaims claims = new DynamicCodeCodec().decode(code);
            assertEquals(Duration.ofHours(24), Duration.between(claims.iat(), claims.exp()));

            clock.set(start.plus(Duration.ofHours(23)));
            RunningSimulator.Answer late = running.post("/member/v1/verifications",
                    RunningSimulator.verification(code));
            clock.set(start.plus(Duration.ofHours(24)).plusSeconds(31));
            RunningSimulator.Answer expired = running.post("/member/v1/verifications",
                    RunningSimulator.verification(code));

            assertEquals(200, late.status(), late.body());
            assertEquals("YELLOW", late.json().path("status").asText());
            assertEquals("LIVE", late.json().path("source").asText());
            assertEquals(400, expired.status(), expired.body());
            assertTrue(expired.body().contains("code-expired"), expired.body());
        }
    }

    @Test
    void aMinuteCodeIsRefusedAfterItsMinuteAndALongerCodeIsRefusedByThePolicy(@TempDir Path dir) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ListKeyModesTest.MutableClock clock = new ListKeyModesTest.MutableClock(start);
        String keyFile = dir.resolve("shared.jwk.json").toString();
        try (RunningSimulator minute = RunningSimulator.start(clock, "--admin-port", "-1", "--key-file", keyFile);
                RunningSimulator day = RunningSimulator.start(clock, "--code-lifetime", "86400", "--admin-port",
                        "-1", "--key-file", keyFile)) {
            String shortCode = minute.sim.code(1);
            String dayCode = day.sim.code(1);

            clock.set(start.plusSeconds(120));
            RunningSimulator.Answer stale = minute.post("/member/v1/verifications",
                    RunningSimulator.verification(shortCode));
            // the same key would sign it, but a platform of one-minute codes never issued a day-long one
            RunningSimulator.Answer tooLong = minute.post("/member/v1/verifications",
                    RunningSimulator.verification(dayCode));

            assertEquals(400, stale.status(), stale.body());
            assertTrue(stale.body().contains("code-expired"), stale.body());
            assertEquals(400, tooLong.status(), tooLong.body());
            assertTrue(tooLong.body().contains("code-lifetime-too-long"), tooLong.body());
        }
    }

    @Test
    void theFixturePathSaysWhenADayLongCodeExpires() throws Exception {
        try (RunningSimulator running = RunningSimulator.start("--code-lifetime", "86400")) {
            RunningSimulator.Answer answer = running.send(java.net.http.HttpRequest.newBuilder(
                    running.adminUri("/sim/residents/1/code")).GET(), java.util.Map.of());

            Instant expiresAt = Instant.parse(answer.json().path("expiresAt").asText());
            CodeClaims claims = new DynamicCodeCodec().decode(answer.json().path("code").asText());
            assertEquals(claims.exp(), expiresAt);
            assertEquals(claims.iat().plus(Duration.ofDays(1)), expiresAt);
        }
    }
}
