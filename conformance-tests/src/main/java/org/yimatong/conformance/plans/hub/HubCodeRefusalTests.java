package org.yimatong.conformance.plans.hub;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Codes the hub must refuse itself, each with its own problem type, before any call leaves it (REQ-CODE-1): the
 * home platform is never asked about them.
 */
public final class HubCodeRefusalTests {

    @Conformance(id = "YMT-HCODE-001",
            title = "An expired code is refused with code-expired and never reaches its home",
            requirements = { "REQ-CODE-1" }, negative = true)
    public void expiredCode(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String code = home.code(Colour.GREEN, Instant.now().minusSeconds(300), Duration.ofSeconds(60), home.identity()
                .key());

        refused(ctx, home, code, ProblemType.CODE_EXPIRED, "a code whose exp is 4 minutes past");
    }

    @Conformance(id = "YMT-HCODE-002", title = "A code issued in the future is refused with code-not-yet-valid",
            requirements = { "REQ-CODE-1" }, negative = true)
    public void futureCode(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String code = home.code(Colour.GREEN, Instant.now().plusSeconds(300), Duration.ofSeconds(60), home.identity()
                .key());

        refused(ctx, home, code, ProblemType.CODE_NOT_YET_VALID, "a code issued 5 minutes from now");
    }

    @Conformance(id = "YMT-HCODE-003",
            title = "A code forged with another key under the member's kid is refused with signature-invalid",
            requirements = { "REQ-CODE-1", "REQ-VER-2", "REQ-CRYPTO-1" }, negative = true)
    public void forgedCode(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(home.identity().key().kid());
        String code = home.code(Colour.GREEN, Instant.now(), Duration.ofSeconds(60), forger);

        refused(ctx, home, code, ProblemType.SIGNATURE_INVALID, "a forged code");
    }

    @Conformance(id = "YMT-HCODE-004",
            title = "A code signed with a key the member never published is refused with unknown-key",
            requirements = { "REQ-CODE-1", "REQ-KEY-1" }, negative = true)
    public void unknownKid(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        Jwk unpublished = Jwk.generate(SignatureProfile.SM2).withKid("conformance-unpublished");
        String code = home.code(Colour.GREEN, Instant.now(), Duration.ofSeconds(60), unpublished);

        refused(ctx, home, code, ProblemType.UNKNOWN_KEY, "a code with an unpublished kid");
    }

    @Conformance(id = "YMT-HCODE-005", title = "An unsigned code (alg none) is refused with algorithm-not-allowed",
            requirements = { "REQ-CODE-1", "REQ-CRYPTO-1" }, negative = true)
    public void unsignedCode(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String payload = Base64Url.encode(claims(home, Instant.now(), Duration.ofSeconds(60)));

        refused(ctx, home, header("none", home) + "." + payload + ".", ProblemType.ALGORITHM_NOT_ALLOWED,
                "an unsigned code (alg none)");
    }

    @Conformance(id = "YMT-HCODE-008",
            title = "A code claiming HS256 under the member's public kid is refused with algorithm-key-mismatch",
            requirements = { "REQ-CODE-1", "REQ-CRYPTO-1" }, negative = true)
    public void hmacUnderAPublicKey(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String payload = Base64Url.encode(claims(home, Instant.now(), Duration.ofSeconds(60)));

        refused(ctx, home, header("HS256", home) + "." + payload + "." + Base64Url.encode(new byte[32]),
                ProblemType.ALGORITHM_KEY_MISMATCH,
                "a code with alg HS256 naming the member's public key (key confusion)");
    }

    @Conformance(id = "YMT-HCODE-006",
            title = "A code living longer than 60 s, of an issuer without a codePolicy, is refused with code-lifetime-too-long",
            requirements = { "REQ-CODE-1", "REQ-CODE-3" }, negative = true)
    public void lifetimeTooLong(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String code = JwsSigner.sign(home.identity().key(), DynamicCodeCodec.TYP,
                claims(home, Instant.now(), Duration.ofSeconds(600)));

        refused(ctx, home, code, ProblemType.CODE_LIFETIME_TOO_LONG, "a code valid for 10 minutes");
    }

    @Conformance(id = "YMT-HCODE-007",
            title = "A JWS that says it is a code (typ ymt-code+jwt) but whose claims are not JSON is refused with code-malformed",
            requirements = { "REQ-CODE-1", "REQ-ERR-1" }, negative = true)
    public void malformedCode(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();
        String payload = Base64Url.encode("not json at all".getBytes(StandardCharsets.UTF_8));

        refused(ctx, home, header(home.identity().key().profile().joseName(), home) + "." + payload + "." + Base64Url
                .encode(new byte[64]),
                ProblemType.CODE_MALFORMED, "a ymt-code+jwt whose payload is not a JSON object");
    }

    @Conformance(id = "YMT-HCODE-015",
            title = "A string that is neither a JWS nor a native code any member recognises is refused with native-code-unclaimed",
            requirements = { "REQ-CODE-2", "REQ-ERR-1" }, negative = true)
    public void unclaimedString(TestContext ctx) {
        VirtualMember home = VirtualFederation.of(ctx).active();

        // no JWS shape at all (a JWS-shaped string, however broken, is a malformed code: YMT-HCODE-007), so only a
        // member's native dialect could claim it, and none does
        refused(ctx, home, "PRINTED-BY-NOBODY:000000:42", ProblemType.NATIVE_CODE_UNCLAIMED,
                "a string no dialect recognises");
    }

    private static void refused(TestContext ctx, VirtualMember home, String code, ProblemType expected, String what) {
        ctx.counterpart().server().forgetReceived();
        HubCalls.verification(ctx, home, code).send().expectProblem(expected, "REQ-CODE-1: " + what + " is refused");
        Check.equal(0, HubVerificationTests.received(ctx, home).size(), "calls to the home for " + what,
                "REQ-CODE-1: a refused code never leaves the hub");
    }

    private static byte[] claims(VirtualMember home, Instant iat, Duration lifetime) {
        return home.claims(Colour.GREEN, iat, lifetime).toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String alg, VirtualMember home) {
        ObjectNode header = JsonNodeFactory.instance.objectNode().put("typ", DynamicCodeCodec.TYP).put("alg", alg)
                .put("kid", home.identity().key().kid());
        return Base64Url.encode(header.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Conformance(id = "YMT-HCODE-009",
            title = "A code naming a region its issuer does not serve is refused with unknown-issuer",
            requirements = { "REQ-TOPO-1", "REQ-VER-2" }, negative = true)
    public void codeForAnotherMembersRegion(TestContext ctx) {
        VirtualFederation federation = VirtualFederation.of(ctx);
        VirtualMember issuer = federation.active();
        VirtualMember regionOwner = federation.down();
        Instant iat = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String code = new DynamicCodeCodec().encode(new CodeClaims(issuer.entityId(),
                VirtualMember.subject("resident-1"), DynamicCodeCodec.newJti(), Colour.GREEN, regionOwner.regionCode(),
                iat, iat.plusSeconds(60)), issuer.identity().key());

        refused(ctx, regionOwner, code, ProblemType.UNKNOWN_ISSUER, "a code of " + issuer.entityId() + " for region "
                + regionOwner.regionCode() + ", which " + regionOwner.entityId() + " serves");
    }
}
