package org.yimatong.schemas.contract;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yimatong.schemas.batch.BatchManifest;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.MemberStatus;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.AdapterSettings;
import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealAcknowledgement;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealGround;
import org.yimatong.schemas.payload.AppealRequest;
import org.yimatong.schemas.payload.Attestations;
import org.yimatong.schemas.payload.AuditEvent;
import org.yimatong.schemas.payload.AuditPage;
import org.yimatong.schemas.payload.AuditVerification;
import org.yimatong.schemas.payload.AuthorizationServerMetadata;
import org.yimatong.schemas.payload.BatchProgress;
import org.yimatong.schemas.payload.BatchProvenance;
import org.yimatong.schemas.payload.BatchReceipt;
import org.yimatong.schemas.payload.ChangesPage;
import org.yimatong.schemas.payload.CheckpointRules;
import org.yimatong.schemas.payload.CodePolicy;
import org.yimatong.schemas.payload.ConformancePlan;
import org.yimatong.schemas.payload.ConformanceReport;
import org.yimatong.schemas.payload.EntityConfiguration;
import org.yimatong.schemas.payload.GreenLookupRequest;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.IntrospectionRequest;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.KeyRotationRequest;
import org.yimatong.schemas.payload.KeyRotationResult;
import org.yimatong.schemas.payload.ListChange;
import org.yimatong.schemas.payload.ListChangeNotification;
import org.yimatong.schemas.payload.ListKey;
import org.yimatong.schemas.payload.MemberRecord;
import org.yimatong.schemas.payload.OperatorBinding;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.payload.PurposePolicy;
import org.yimatong.schemas.payload.RevocationRequest;
import org.yimatong.schemas.payload.ScanDirection;
import org.yimatong.schemas.payload.SignatureAlgorithm;
import org.yimatong.schemas.payload.SubjectAccessPage;
import org.yimatong.schemas.payload.Subscription;
import org.yimatong.schemas.payload.SubscriptionRequest;
import org.yimatong.schemas.payload.TokenExchangeRequest;
import org.yimatong.schemas.payload.TokenResponse;
import org.yimatong.schemas.payload.TrustMark;
import org.yimatong.schemas.payload.VenueScanAnswer;
import org.yimatong.schemas.payload.VenueScanRecord;
import org.yimatong.schemas.payload.VenueScanRequest;
import org.yimatong.schemas.payload.VerificationRequest;
import org.yimatong.schemas.payload.VerificationResult;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemType;

/** One fully populated, valid instance of every payload record, keyed by its schema file. */
final class Samples {

    static final Instant T = Instant.parse("2026-11-27T08:15:30Z");
    static final String SUB = "3f1c9a0b7e2d4c5f8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7";
    static final String HEX = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0";
    static final String JWS = "eyJhbGciOiJTTTIifQ.eyJpc3MiOiJ5bXQ6bWVtYmVyOjMxMDAwMCJ9.c2lnbmF0dXJlYnl0ZXM";
    static final String SH = "ymt:member:310000";
    static final String YRD = "ymt:hub:yrd";
    static final LocalDate DAY = LocalDate.parse("2026-11-27");

    private Samples() {
    }

    static VerificationRequest verificationRequest() {
        return new VerificationRequest(JWS, new VerificationRequest.Checkpoint("sh-hongqiao-t2-gate-07", "310112",
                "TRANSPORT"), "hospital-visit", List.of("naat", "serviceLinks"), new CheckpointRules(48, 2), 1, JWS);
    }

    static Attestations attestations() {
        return new Attestations(new Attestations.Naat(Attestations.NaatResult.NEGATIVE, T.minusSeconds(86400),
                T.minusSeconds(43200), "310104"), new Attestations.Vaccination(3, DAY.minusYears(4)),
                new Attestations.ServiceLinks(true, false));
    }

    /**
     * A public SM2 key (a real point of the curve: d = the GM/T 0003.5 example private key, on the recommended
     * curve) with every member jwks.json declares, {@code exp} included.
     */
    static Jwk jwk() {
        return Jwk.parse("{\"kty\":\"EC\",\"crv\":\"SM2\",\"x\":\"CfnfMR5UIaFQ3X0WHkvFxnIXn60YM_wHa7CP81bzUCA\","
                + "\"y\":\"zOpJDOJndaUtxupxjMGqYArtBfvzXghKZjL2By2prRM\",\"kid\":\"310000-2026-11\",\"use\":\"sig\","
                + "\"alg\":\"SM2\",\"exp\":1798761600}");
    }

    static MemberRecord memberRecord() {
        return new MemberRecord(SH, "上海随申码", MemberKind.PLATFORM, List.of("31"), YRD,
                URI.create("https://ssm.sh.example/ymt"),
                List.of(URI.create("https://ssm.sh.example/ymt"), URI.create("https://ssm-b.sh.example/ymt")), "v1",
                HEX, new JwkSet(List.of(jwk())),
                URI.create("https://ssm.sh.example/ymt/member/v1/jwks"), MemberStatus.ACTIVE,
                CodePolicy.of(Duration.ofHours(24)), List.of(trustMark()), T, T);
    }

    static TrustMark trustMark() {
        return new TrustMark(ConformancePlan.MEMBER, "1.0.0", "1.0.0", T, T.plusSeconds(300), "sm3:" + HEX,
                "runner-2026-11", T.plus(java.time.Duration.ofDays(365)), JWS, true);
    }

    static ConformanceReport conformanceReport() {
        return new ConformanceReport(ConformanceReport.FORMAT, new ConformanceReport.Suite("1.0.0"),
                "1.0.0", ConformancePlan.MEMBER, new ConformanceReport.Target(URI.create("https://ssm.sh.example/ymt"),
                        SH,
                        EntityConfiguration.PRODUCTION),
                T, new ConformanceReport.Summary(ConformanceReport.Outcome.PASSED), List.of(
                        new ConformanceReport.TestResult("YMT-VER-001", ConformanceReport.Outcome.PASSED),
                        new ConformanceReport.TestResult("YMT-VER-002", ConformanceReport.Outcome.SKIPPED)));
    }

    static BatchManifest manifest() {
        return new BatchManifest(SH, "310000-20261127-01", DAY, 3L, "sm3:" + HEX);
    }

    static BatchReceipt receipt() {
        return new BatchReceipt(SH, "310000-20261127-01", DAY, 3, "sm3:" + HEX, 1, 1, 2, 1, T, false);
    }

    static Problem problem() {
        return new Problem(ProblemType.INSUFFICIENT_USER_AUTHENTICATION.uri(), "Insufficient user authentication",
                401, "level too low", "/v1/token", List.of(new FieldError("/acr_values", "too low")),
                "insufficient_user_authentication", "a higher level is required", "urn:ymt:loa:high");
    }

    static ListChange change() {
        return new ListChange(42, ListChange.Op.ADDED, SUB, "310104", Colour.YELLOW, T, T.plusSeconds(604800),
                "close-contact", SH, "310000-20261127-01", T, "2026-11");
    }

    static AppealDecision decision() {
        return new AppealDecision(AppealDecision.Outcome.UPHELD, T, "SH-APL-2026-000123", Colour.GREEN,
                "Listing ended on 2026-11-20.");
    }

    /** Schema file -> fully populated sample (every optional field set). */
    static Map<String, Object> all() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("verification-request.json", verificationRequest());
        m.put("verification-result.json", new VerificationResult(VerificationStatus.RED, SH,
                AnswerSource.LIST, T, T.plusSeconds(15), ReasonCode.LISTED, SUB, true, attestations(), false,
                List.of("vaccination"), 1));
        m.put("attestations.json", attestations());
        m.put("purpose-policy.json", PurposePolicy.contract());
        m.put("green-lookup-request.json", new GreenLookupRequest(SUB, "310000", true));
        m.put("green-lookup-result.json", new GreenLookupResult(VerificationStatus.YELLOW, AnswerSource.LIST, SH, T,
                T.plusSeconds(3600), ReasonCode.LISTED));
        m.put("problem.json", problem());
        m.put("entity-configuration.json", new EntityConfiguration(YRD, "ymt:hub:national", MemberKind.HUB, "v1",
                List.of("31", "32"), Map.of("verifications", URI.create("https://yrd.example/v1/verifications")),
                URI.create("https://yrd.example/v1/jwks"), List.of(SignatureAlgorithm.SM2, SignatureAlgorithm.EdDSA),
                EntityConfiguration.PRODUCTION));
        m.put("jwks.json", new JwkSet(List.of(jwk())));
        m.put("member.json", memberRecord());
        m.put("member-public.json", memberRecord().publicView());
        m.put("trust-mark.json", trustMark());
        m.put("conformance-report.json", conformanceReport());
        m.put("list-key.json", new ListKey("2026-11", ListKey.ALG, "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA",
                T, T.plusSeconds(86400 * 30)));
        m.put("batch-manifest.json", manifest());
        m.put("batch-receipt.json", receipt());
        m.put("batch-progress.json", new BatchProgress(SH, "310000-20261127-01", BatchProgress.State.STORED, 3L, 3L,
                T, T, receipt(), problem()));
        m.put("batch-provenance.json", new BatchProvenance(manifest(), "eyJhbGciOiJTTTIifQ..c2lnbmF0dXJl",
                SignatureAlgorithm.SM2, "310000-2026-11", T));
        m.put("list-change.json", change());
        m.put("list-changes-page.json", new ChangesPage(List.of(change(), new ListChange(43, ListChange.Op.REMOVED,
                SUB, "310104", null, null, null, null, SH, "310000-20261128-01", T, "2026-11")), "c2VxOjQz", false));
        m.put("subscription-request.json", new SubscriptionRequest(URI.create(
                "https://ssm.sh.example/ymt/member/v1/list-changes"),
                List.of("31", "3201")));
        m.put("subscription.json", new Subscription("sub-7", SH, URI.create("https://ssm.sh.example/cb"),
                List.of("31"), T));
        m.put("list-change-notification.json", new ListChangeNotification("sub-7", 43, T));
        m.put("token-request.json", new TokenExchangeRequest(TokenExchangeRequest.GRANT_TYPE, JWS,
                TokenExchangeRequest.ID_TOKEN, JWS, TokenExchangeRequest.ID_TOKEN, TokenExchangeRequest.ACCESS_TOKEN,
                "dept-320000-civil-affairs", "health-code:read", "urn:ymt:loa:substantial", "dept-320000-civil-affairs",
                TokenExchangeRequest.JWT_BEARER_ASSERTION, JWS));
        m.put("authorization-server-metadata.json", new AuthorizationServerMetadata("https://yrd.example", YRD,
                URI.create("https://yrd.example/v1/token"), URI.create("https://yrd.example/v1/introspect"),
                URI.create("https://yrd.example/v1/jwks/oauth"), List.of(AuthorizationServerMetadata.TOKEN_EXCHANGE,
                        AuthorizationServerMetadata.CLIENT_CREDENTIALS), List.of(),
                List.of(AuthorizationServerMetadata.PRIVATE_KEY_JWT, AuthorizationServerMetadata.TLS_CLIENT_AUTH),
                List.of("SM2", "ES256", "EdDSA"), List.of(AuthorizationServerMetadata.PRIVATE_KEY_JWT),
                List.of("ES256"), List.of("SM2", "ES256"), List.of("SM2", "ES256"), true,
                List.of("urn:ymt:loa:basic", "urn:ymt:loa:substantial"),
                List.of(TokenExchangeRequest.ID_TOKEN), List.of(TokenExchangeRequest.ACCESS_TOKEN),
                URI.create("https://yrd.example/q/openapi")));
        m.put("token-response.json", TokenResponse.bearer(JWS, 300, "health-code:read"));
        m.put("introspection-request.json", new IntrospectionRequest(JWS, "access_token", "dept-1",
                TokenExchangeRequest.JWT_BEARER_ASSERTION, JWS));
        m.put("introspection-response.json", new IntrospectionResponse(true, "ymt:hub:national", "b7c1e2",
                List.of("dept-1"), 1_795_767_600L, 1_795_767_300L, 1_795_767_300L, "0f3c2d1e", "dept-1", "at+jwt",
                "health-code:read", "urn:ymt:loa:substantial", 1_795_767_200L, SH,
                new IntrospectionResponse.Actor("a9f0", SH), new IntrospectionResponse.Actor("b7c1", SH)));
        m.put("revocation-request.json", new RevocationRequest(RevocationRequest.Kind.CODE,
                "3q2-7wAAAAAAAAAAAAAAAA", SH, T.plusSeconds(60), "LOST_DEVICE"));
        m.put("key-rotation-request.json", new KeyRotationRequest(SignatureAlgorithm.SM2, 3600, 86400));
        m.put("key-rotation-result.json", new KeyRotationResult("national-2026-12", SignatureAlgorithm.SM2, T,
                T.plusSeconds(3600), "national-2026-11", T.plusSeconds(90000)));
        m.put("adapter-settings.json", new AdapterSettings("ymt-hub-yrd", "app-secret", true,
                Map.of("validitySeconds", "60"), 800, T));
        m.put("operator-binding.json", new OperatorBinding("dept-310000-market", "op-91f2", "91310000MA1FL8XQ3C",
                "urn:ymt:loa:high", T.plusSeconds(86400), T));
        AuditEvent event = new AuditEvent("hub-a", 1001, T, "ymt:member:320000", SH, "travel",
                AuditEvent.Action.VERIFICATION, SUB, "GREEN", 7, HEX, HEX);
        m.put("audit-event.json", event);
        m.put("audit-page.json", new AuditPage(List.of(event), "c2VxOjEwMDE"));
        m.put("subject-access-page.json", new SubjectAccessPage(List.of(new SubjectAccessPage.Access(T,
                "ymt:member:620000", "甘肃健康码", "entry", AuditEvent.Action.VERIFICATION, "GREEN")), "MTc5NXxjaGFpbnwx"));
        m.put("audit-verification.json", new AuditVerification(false, T, List.of(
                new AuditVerification.ChainStatus("hub-a", 1001, HEX, false, 998L, T))));
        m.put("appeal-request.json", new AppealRequest(SUB, "310104", AppealGround.LISTING_EXPIRED,
                "Quarantine ended on 2026-11-20; still shown yellow.", "310000-20261127-01"));
        m.put("appeal-decision.json", decision());
        m.put("appeal-acknowledgement.json", new AppealAcknowledgement("SH-APL-2026-000123", T));
        m.put("appeal.json", new Appeal("apl-0001", Appeal.State.DECIDED, SUB, "310104", SH, "ymt:member:320000",
                AppealGround.LISTING_EXPIRED, T, T, "SH-APL-2026-000123", decision()));
        m.put("venue-scan-request.json", venueScanRequest());
        m.put("venue-scan-answer.json", new VenueScanAnswer(new VenueScanAnswer.Venue("lz-west-station-e1",
                "兰州西站 东进站口", "620105", VenueKind.STATION), true, "vs-8c1f0e2a9b"));
        m.put("venue-scan-record.json", venueScanRecord());
        return m;
    }

    static VenueScanRequest venueScanRequest() {
        return new VenueScanRequest(JWS, SUB, T, ScanDirection.ENTRY);
    }

    static VenueScanRecord venueScanRecord() {
        return new VenueScanRecord("vs-8c1f0e2a9b", "lz-west-station-e1", SUB, T, ScanDirection.EXIT, SH);
    }
}
