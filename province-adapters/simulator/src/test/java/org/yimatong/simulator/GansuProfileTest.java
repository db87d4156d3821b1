package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.adapters.v1.GansuNativeCode;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * Gansu's platform as the simulator plays it: codes valid for a day (REQ-CODE-3), answered live for as long as they
 * live, venues, a seed of its own, and its own code strings ({@code GSJKM1}, REQ-CODE-2) answered live through the
 * {@code v1} adapter; {@code --profile gansu} sets all of it, explicit options win.
 */
class GansuProfileTest {

    private static final Forwarding FORWARDING = new Forwarding(6, List.of("ymt:hub:national"));

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

    @Test
    void gansuProfileHasASeedOfItsOwnAndAnExplicitSeedWinsInAnyOrder() {
        assertEquals(1, SimulatorOptions.parse().seed());
        assertEquals(20200221L, SimulatorOptions.parse("--profile", "gansu").seed());
        assertEquals(7, SimulatorOptions.parse("--seed", "7", "--profile", "gansu").seed());
        assertEquals(1, SimulatorOptions.parse("--profile", "gansu", "--seed", "1").seed());
    }

    @Test
    void gansusOwnSeedDrawsOtherResidentsThanTheDefaultSeed() {
        SimulatorOptions gansu = SimulatorOptions.parse("--profile", "gansu");
        SimulatorOptions unseeded = SimulatorOptions.parse("--region", "620000");
        Instant now = Instant.now();

        Population own = Population.generate(gansu.entityId(), gansu.region(), 20, gansu.seed(), now);
        Population other = Population.generate(unseeded.entityId(), unseeded.region(), 20, unseeded.seed(), now);

        assertEquals(gansu.entityId(), unseeded.entityId());
        assertNotEquals(own.byNumber(1).orElseThrow().idNumber().value(),
                other.byNumber(1).orElseThrow().idNumber().value());
    }

    @Test
    void gansusCodeStringsArePrintedOnlyByGansusPlatformInGansu() {
        assertTrue(NativeCodeBook.of(SimulatorOptions.parse("--profile", "gansu")).isPresent());
        assertTrue(NativeCodeBook.of(SimulatorOptions.parse("--profile", "gansu", "--region", "620100")).isPresent());
        assertTrue(NativeCodeBook.of(SimulatorOptions.parse("--region", "620000")).isEmpty());
        assertTrue(NativeCodeBook.of(SimulatorOptions.parse("--profile", "gansu", "--region", "310000")).isEmpty());
    }

    @Test
    void aGansuResidentsCodeStringIsAnsweredLiveWithTheirColourThroughTheV1Adapter() throws Exception {
        try (RunningSimulator running = RunningSimulator.startWithTestKey("--profile", "gansu")) {
            int listed = running.sim.population().all().stream().filter(r -> r.colour() != Colour.GREEN)
                    .findFirst().orElseThrow().number();
            int green = running.sim.population().all().stream().filter(r -> r.colour() == Colour.GREEN)
                    .findFirst().orElseThrow().number();
            MemberAdapter adapter = v1(running);

            for (int n : new int[]{ listed, green }) {
                RunningSimulator.Answer printed = running.send(HttpRequest.newBuilder(running.adminUri(
                        "/sim/residents/" + n + "/native-code")).GET(), Map.of());
                String code = printed.json().path("code").asText();
                NativeCode recognised = StandardAdapters.registry().nativeCodes("v1").orElseThrow().recognise(code)
                        .orElseThrow(() -> new AssertionError("not a Gansu code string: " + printed.body()));

                VerificationResult result = adapter.verifyNative(new VerificationRequest(code,
                        new VerificationRequest.Checkpoint("sh-metro-gate-3", "310104", "TRANSIT"), "entry"),
                        FORWARDING).toCompletableFuture().get(10, TimeUnit.SECONDS);

                assertEquals(200, printed.status(), printed.body());
                assertEquals("620000", recognised.rgn());
                assertEquals(code, running.send(HttpRequest.newBuilder(running.adminUri("/sim/residents/" + n
                        + "/native-code")).GET(), Map.of()).json().path("code").asText(), "one printed code each");
                Colour colour = running.sim.population().byNumber(n).orElseThrow().colour();
                assertEquals(colour.name(), printed.json().path("colour").asText());
                assertEquals(VerificationStatus.of(colour), result.status());
                assertEquals(AnswerSource.LIVE, result.source());
                assertEquals("ymt:member:620000", result.home());
                assertEquals(running.pseudonym(n, RunningSimulator.LIST_KEY), result.listSub());
            }
        }
    }

    @Test
    void aGansuCodeStringThePlatformNeverPrintedIsUnknownAndAnotherFormatIsRefused() throws Exception {
        try (RunningSimulator running = RunningSimulator.start("--profile", "gansu", "--admin-port", "-1")) {
            String never = GansuNativeCode.format("620000", "12345678901234567890");
            RunningSimulator.Answer unknown = running.post("/member/v1/verifications",
                    RunningSimulator.verification(never));
            RunningSimulator.Answer soap = running.post("/member/v1/verifications", RunningSimulator.verification(
                    SoapMd5NativeCode.format("620000", "12345678901234567890")));

            assertEquals(200, unknown.status(), unknown.body());
            assertEquals("UNKNOWN", unknown.json().path("status").asText());
            assertEquals("NOT_FOUND_AT_HOME", unknown.json().path("reason").asText());
            assertEquals("LIVE", unknown.json().path("source").asText());
            assertFalse(unknown.json().has("listSub"), unknown.body());
            assertEquals(400, soap.status(), soap.body());
        }
    }

    private static MemberAdapter v1(RunningSimulator running) {
        return StandardAdapters.registry().adapterFor(new MemberEndpoint(running.sim.entityId(),
                running.sim.options().region(), "v1", URI.create(running.sim.baseUrl().toString()), Credentials.NONE,
                Duration.ofSeconds(5), Map.of()), AdapterContext.standard(Clock.systemUTC()));
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
