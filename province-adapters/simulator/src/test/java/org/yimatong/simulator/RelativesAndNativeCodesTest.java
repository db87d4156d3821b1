package org.yimatong.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yimatong.adapters.StandardAdapters;
import org.yimatong.adapters.soapmd5.SoapMd5NativeCode;
import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.Credentials;
import org.yimatong.adapters.spi.Forwarding;
import org.yimatong.adapters.spi.ListKeySource;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCode;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Relatives' codes (REQ-CODE-4) answered {@code dependant: true}, the SOAP gateway's printed native codes
 * (REQ-CODE-2) checked live through the {@code soap-md5} adapter, and venue scans delivered through the {@code v1}
 * adapter (REQ-VENUE-2), all against a running simulator.
 */
class RelativesAndNativeCodesTest {

    private static final Forwarding FORWARDING = new Forwarding(6, List.of("ymt:hub:yrd"));

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRelativesCodeIsTheDependantsOwnCodeHeldByTheGuardianAndIsAnsweredAsADependants() throws Exception {
        try (RunningSimulator running = RunningSimulator.startWithTestKey()) {
            RunningSimulator.Answer issued = running.get("/sim/residents/2/code?guardian=1");
            String code = issued.json().path("code").asText();
            CodeClaims claims = new DynamicCodeCodec().verify(code, running.sim.keySet());

            RunningSimulator.Answer answer = running.post("/member/v1/verifications",
                    RunningSimulator.verification(code));
            RunningSimulator.Answer own = running.post("/member/v1/verifications",
                    RunningSimulator.verification(running.sim.code(2)));

            assertEquals(200, issued.status(), issued.body());
            assertTrue(issued.json().path("dependant").asBoolean());
            assertEquals(running.sim.population().byNumber(2).orElseThrow().codeSubject(), claims.sub());
            assertEquals(running.sim.population().byNumber(1).orElseThrow().codeSubject(), claims.hld());
            assertEquals(200, answer.status(), answer.body());
            JsonNode body = answer.json();
            assertTrue(body.path("dependant").asBoolean(), answer.body());
            assertEquals("YELLOW", body.path("status").asText(), "the dependant's colour, not the guardian's");
            assertEquals(running.pseudonym(2, RunningSimulator.LIST_KEY), body.path("listSub").asText());
            assertFalse(own.json().has("dependant"), own.body());
        }
    }

    @Test
    void nobodyIsTheirOwnGuardianAndAnUnknownGuardianIsNotFound() throws Exception {
        try (RunningSimulator running = RunningSimulator.start()) {
            assertEquals(400, running.get("/sim/residents/2/code?guardian=2").status());
            assertEquals(404, running.get("/sim/residents/2/code?guardian=999").status());
            assertEquals(400, running.get("/sim/residents/2/code?guardian=x").status());
            assertEquals(400, running.get("/sim/residents/2/code?holder=1").status());
            assertEquals(200, running.get("/sim/residents/2/code?ageSeconds=5&guardian=1").status());
        }
    }

    @Test
    void theV1AdapterPassesTheDependantFlagOn() throws Exception {
        try (RunningSimulator running = RunningSimulator.start("--admin-port", "-1")) {
            String code = running.get("/sim/residents/3/code?guardian=1").json().path("code").asText();

            VerificationResult result = await(v1(running).verify(new VerificationRequest(code,
                    new VerificationRequest.Checkpoint("gate-7", "620102", "STATION"), "station-entry"), FORWARDING));

            assertEquals(Boolean.TRUE, result.dependant());
            assertEquals(VerificationStatus.RED, result.status());
        }
    }

    @Test
    void theV1AdapterDeliversAVisitAndItsRepeatAndAnUnknownVenueIsRefusedForGood() throws Exception {
        try (RunningSimulator running = RunningSimulator.start("--venues", "1", "--admin-port", "-1")) {
            String vid = running.sim.venues().all().get(0).vid();
            VenueScanRecord record = new VenueScanRecord("vs-42", vid, "a".repeat(64),
                    Instant.parse("2026-11-27T08:15:30Z"), ScanDirection.EXIT, "ymt:member:310000");
            MemberAdapter adapter = v1(running);

            await(adapter.deliverVenueScan(record, FORWARDING));
            await(adapter.deliverVenueScan(record, FORWARDING));
            ExecutionException unknown = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> await(adapter.deliverVenueScan(new VenueScanRecord("vs-43", "elsewhere", "a".repeat(64),
                            record.at(), ScanDirection.ENTRY, "ymt:member:310000"), FORWARDING)));

            assertEquals(1, running.sim.venues().visits(vid).size());
            MemberProblem refused = assertInstanceOf(MemberProblem.class, unknown.getCause());
            assertEquals(MemberProblem.Kind.REFUSED, refused.kind());
            assertEquals(ProblemType.NOT_FOUND, refused.type());
        }
    }

    @Test
    void thePrintedNativeCodeIsCheckedLiveThroughTheSoapAdapter() throws Exception {
        try (RunningSimulator running = soap()) {
            RunningSimulator.Answer issued = running.get("/sim/residents/3/native-code");
            String code = issued.json().path("code").asText();
            NativeCode recognised = StandardAdapters.registry().nativeCodes("soap-md5").orElseThrow()
                    .recognise(code).orElseThrow();

            VerificationResult result = await(soapAdapter(running).verifyNative(nativeRequest(code), FORWARDING));

            assertEquals(new NativeCode("330000", recognised.codeId()), recognised);
            assertEquals(code, running.get("/sim/residents/3/native-code").json().path("code").asText(),
                    "one printed code per resident");
            assertEquals(VerificationStatus.RED, result.status());
            assertEquals(AnswerSource.LIVE, result.source());
            assertEquals("ymt:member:330000", result.home());
            assertEquals(running.pseudonym(3, RunningSimulator.LIST_KEY), result.listSub());
            assertFalse(issued.body().contains(running.sim.population().byNumber(3).orElseThrow().idNumber()
                    .value().substring(0, 17)));
        }
    }

    @Test
    void aWellFormedNativeCodeThePlatformNeverPrintedIsNotFoundAtHome() throws Exception {
        try (RunningSimulator running = soap()) {
            String never = SoapMd5NativeCode.format("330000", "12345678901234567890");
            String otherRegion = SoapMd5NativeCode.format("340000", "12345678901234567890");

            VerificationResult result = await(soapAdapter(running).verifyNative(nativeRequest(never), FORWARDING));
            VerificationResult foreign = await(soapAdapter(running).verifyNative(nativeRequest(otherRegion),
                    FORWARDING));

            assertEquals(VerificationStatus.UNKNOWN, result.status());
            assertEquals(ReasonCode.NOT_FOUND_AT_HOME, result.reason());
            assertEquals(AnswerSource.LIVE, result.source());
            assertNull(result.listSub());
            assertEquals(ReasonCode.NOT_FOUND_AT_HOME, foreign.reason());
        }
    }

    @Test
    void aPrintedJkm1StringIsNotAnsweredAtTheV1MemberApi() throws Exception {
        try (RunningSimulator running = soap()) {
            String code = running.get("/sim/residents/3/native-code").json().path("code").asText();

            RunningSimulator.Answer refused = running.post("/member/v1/verifications",
                    RunningSimulator.verification(code));

            // the SOAP face answers it (above); the v1 member API answers only Gansu's GSJKM1 strings, and a
            // soap-md5 platform serves no v1 member operations at all (a Gansu platform refuses JKM1 there: 400,
            // GansuProfileTest)
            assertEquals(404, refused.status(), refused.body());
            assertEquals("https://yimatong.org/problems/not-found", refused.json().path("type").asText());
        }
    }

    @Test
    void aV1PlatformPrintsNoNativeCodes() throws Exception {
        try (RunningSimulator running = RunningSimulator.start()) {
            assertEquals(404, running.get("/sim/residents/1/native-code").status());
        }
    }

    /** A checkpoint's request for a native code string: the soap-md5 adapter sends the string alone. */
    private static VerificationRequest nativeRequest(String code) {
        return new VerificationRequest(code, new VerificationRequest.Checkpoint("gate-7", "620102", "STATION"),
                "station-entry");
    }

    private static RunningSimulator soap() throws java.io.IOException {
        return RunningSimulator.start("--region", "330000", "--soap-app-id", "ymt-hub-yrd", "--list-key",
                Base64Url.encode(RunningSimulator.LIST_KEY));
    }

    private static MemberAdapter soapAdapter(RunningSimulator running) {
        return StandardAdapters.registry().adapterFor(new MemberEndpoint("ymt:member:330000", "330000", "soap-md5",
                running.sim.baseUrl(), new Credentials("ymt-hub-yrd", ""), Duration.ofSeconds(5), Map.of()),
                AdapterContext.standard(Clock.systemUTC()).withListKeys(ListKeySource.fixed(
                        RunningSimulator.LIST_KEY)));
    }

    private static MemberAdapter v1(RunningSimulator running) {
        return StandardAdapters.registry().adapterFor(new MemberEndpoint(running.sim.entityId(),
                running.sim.options().region(), "v1", URI.create(running.sim.baseUrl().toString()), Credentials.NONE,
                Duration.ofSeconds(5), Map.of()), AdapterContext.standard(Clock.systemUTC()));
    }
}
