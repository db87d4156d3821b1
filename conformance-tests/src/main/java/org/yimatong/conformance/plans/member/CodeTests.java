package org.yimatong.conformance.plans.member;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.yimatong.conformance.engine.Check;
import org.yimatong.conformance.engine.Conformance;
import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The member's dynamic codes (DESIGN.md §5): what it issues verifies with its published keys and keeps the claim
 * rules; and every bent copy of one (expired, early, forged, re-signed, unsigned, unknown key, wrong type, cut) is
 * refused with its own problem type.
 */
public final class CodeTests {

    /** Seconds before now an expired code was issued: exp = iat + 60 lies 90 s back, past the 30 s skew. */
    static final long EXPIRED_AGE = 150;
    /** A code issued two minutes ahead: beyond any 30 s skew. */
    static final long FUTURE_AGE = -120;

    @Conformance(id = "YMT-CODE-001",
            title = "A fresh code is a ymt-code+jwt of the member with the claim rules (jti 128 bits, rgn, exp-iat <= 60 s)",
            requirements = { "REQ-CODE-1", "REQ-KEY-1" })
    public void freshCodeKeepsTheClaimRules(TestContext ctx) {
        MemberFixtures.IssuedCode code = MemberFixtures.of(ctx).freshCode(Colour.GREEN);
        CodeClaims claims = verifiedWithPublishedKeys(ctx, code.code());
        Check.equal(ctx.targetEntityId(), claims.iss(), "iss", "REQ-CODE-1: the issuer is the member");
        Check.that(claims.rgn().matches("[0-9]{6}"), "REQ-CODE-1: rgn is a 6-digit region code, got " + claims.rgn());
        Duration lifetime = Duration.between(claims.iat(), claims.exp());
        Check.that(!lifetime.isNegative() && lifetime.compareTo(DynamicCodeCodec.MAX_LIFETIME) <= 0,
                "REQ-CODE-1: exp is at most 60 s after iat, got " + lifetime.toSeconds() + " s");
        Check.that(Duration.between(claims.iat(), Instant.now()).abs().compareTo(Answers.CLOCK_TOLERANCE) <= 0,
                "REQ-CODE-1: a fresh code is issued now; iat " + claims.iat());
        Check.equal(Colour.GREEN, claims.col(), "col", "REQ-CODE-1: the code carries the resident's colour");
        ctx.note("code of " + claims.iss() + ", rgn " + claims.rgn() + ", lifetime " + lifetime.toSeconds() + " s");
    }

    @Conformance(id = "YMT-CODE-002", title = "An expired code is refused 400 code-expired, never answered",
            requirements = { "REQ-CODE-1", "REQ-VER-2" }, negative = true)
    public void expiredCodeIsRefused(TestContext ctx) {
        String code = MemberFixtures.of(ctx).agedCode(Colour.GREEN, EXPIRED_AGE).code();
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.CODE_EXPIRED,
                "REQ-CODE-1: a code past exp plus the 30 s skew is not trusted");
    }

    @Conformance(id = "YMT-CODE-003", title = "A code issued in the future is refused 400 code-not-yet-valid",
            requirements = { "REQ-CODE-1", "REQ-VER-2" }, negative = true)
    public void futureCodeIsRefused(TestContext ctx) {
        String code = MemberFixtures.of(ctx).agedCode(Colour.GREEN, FUTURE_AGE).code();
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.CODE_NOT_YET_VALID,
                "REQ-CODE-1: a code whose iat is beyond now plus the 30 s skew is not trusted");
    }

    @Conformance(id = "YMT-CODE-004", title = "A code whose typ is not ymt-code+jwt is refused 400 code-wrong-type",
            requirements = { "REQ-CODE-1" }, negative = true)
    public void wrongTypeIsRefused(TestContext ctx) {
        String code = Codes.withHeader(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code(),
                h -> h.put("typ", "JWT"));
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.CODE_WRONG_TYPE,
                "REQ-CODE-1: only typ ymt-code+jwt is a dynamic code");
    }

    @Conformance(id = "YMT-CODE-005", title = "A code cut to two parts is refused 400 code-malformed",
            requirements = { "REQ-CODE-1" }, negative = true)
    public void truncatedCodeIsRefused(TestContext ctx) {
        String code = Codes.truncated(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code());
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.CODE_MALFORMED,
                "REQ-CODE-1: a code is a compact JWS of three parts");
    }

    @Conformance(id = "YMT-CRYPTO-002",
            title = "A code's signature verifies with the published key under its profile (SM2: SM3withSM2, r||s)",
            requirements = { "REQ-CRYPTO-1", "REQ-CRYPTO-2" })
    public void codeSignatureVerifiesWithThePublishedKey(TestContext ctx) {
        String code = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        ParsedJws jws = ParsedJws.parseCompact(code);
        SignatureProfile profile = SignatureProfile.fromJoseName(jws.header().alg()).orElseThrow(() -> Check.fail(
                "REQ-CRYPTO-1: the code's alg " + jws.header().alg() + " is none of SM2, ES256, EdDSA"));
        Check.equal(64, jws.signature().length, "signature length in bytes",
                "REQ-CRYPTO-1: JWS signatures are raw r||s (or Ed25519), 64 bytes");
        verifiedWithPublishedKeys(ctx, code);
        JsonNode declared = Published.entityConfiguration(ctx).path("algorithms");
        Set<String> algorithms = new HashSet<>();
        declared.forEach(a -> algorithms.add(a.asText()));
        Check.that(algorithms.contains(profile.joseName()), "REQ-CRYPTO-1: the code is signed with "
                + profile.joseName() + ", which the entity configuration does not declare " + algorithms);
        ctx.note("signed with " + profile.joseName() + " key " + jws.header().kid());
    }

    @Conformance(id = "YMT-CRYPTO-003",
            title = "A code with one signature bit flipped is refused 400 signature-invalid",
            requirements = { "REQ-CRYPTO-1", "REQ-CODE-1" }, negative = true)
    public void forgedSignatureIsRefused(TestContext ctx) {
        String code = Codes.withFlippedSignatureBit(MemberFixtures.of(ctx).freshCode(Colour.RED).code());
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.SIGNATURE_INVALID,
                "REQ-CRYPTO-1: a code whose signature does not verify is not trusted");
    }

    @Conformance(id = "YMT-CRYPTO-004", title = "An unsigned code (alg none) is refused 400 algorithm-not-allowed",
            requirements = { "REQ-CRYPTO-1", "REQ-CODE-1" }, negative = true)
    public void unsignedCodeIsRefused(TestContext ctx) {
        String code = Codes.unsigned(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code());
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.ALGORITHM_NOT_ALLOWED,
                "REQ-CRYPTO-1: alg none is never accepted");
    }

    @Conformance(id = "YMT-CRYPTO-005",
            title = "A code re-labelled with another profile's alg is refused (not allowed, or not the key's)",
            requirements = { "REQ-CRYPTO-1", "REQ-CODE-1" }, negative = true)
    public void otherAlgorithmIsRefused(TestContext ctx) {
        String original = MemberFixtures.of(ctx).freshCode(Colour.GREEN).code();
        String alg = ParsedJws.parseCompact(original).header().alg();
        Set<String> declared = new HashSet<>();
        Published.entityConfiguration(ctx).path("algorithms").forEach(a -> declared.add(a.asText()));
        // an algorithm the member does not declare must be refused as such; if it declares all, the key refuses it
        String other = EnumSet.allOf(SignatureProfile.class).stream().map(SignatureProfile::joseName)
                .filter(a -> !a.equals(alg) && !declared.contains(a)).findFirst().orElse(null);
        ProblemType expected = ProblemType.ALGORITHM_NOT_ALLOWED;
        if (other == null) {
            other = EnumSet.allOf(SignatureProfile.class).stream().map(SignatureProfile::joseName)
                    .filter(a -> !a.equals(alg)).findFirst().orElseThrow();
            expected = ProblemType.ALGORITHM_KEY_MISMATCH;
        }
        String relabelled = other;
        String code = Codes.withHeader(original, h -> h.put("alg", relabelled));
        ctx.note("alg " + alg + " re-labelled " + relabelled + "; the member declares " + declared);
        MemberCalls.verify(ctx, code).expectProblem(expected,
                "REQ-CRYPTO-1: a code's alg must be one the member allows and the one of its key");
    }

    @Conformance(id = "YMT-CRYPTO-006",
            title = "A code re-labelled HS256 under the member's public kid is refused 400 algorithm-key-mismatch",
            requirements = { "REQ-CRYPTO-1", "REQ-CODE-1" }, negative = true)
    public void keyConfusionIsRefused(TestContext ctx) {
        String code = Codes.withHeader(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code(),
                h -> h.put("alg", "HS256"));
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.ALGORITHM_KEY_MISMATCH,
                "REQ-CRYPTO-1: a public key is never used as an HMAC secret");
    }

    @Conformance(id = "YMT-KEY-003", title = "A code whose kid the member never published is refused 400 unknown-key",
            requirements = { "REQ-KEY-1", "REQ-CODE-1" }, negative = true)
    public void unknownKidIsRefused(TestContext ctx) {
        String code = Codes.withHeader(MemberFixtures.of(ctx).freshCode(Colour.GREEN).code(),
                h -> h.put("kid", "ymt-conformance-unpublished-key"));
        MemberCalls.verify(ctx, code).expectProblem(ProblemType.UNKNOWN_KEY,
                "REQ-KEY-1: only published keys verify");
    }

    @Conformance(id = "YMT-KEY-004",
            title = "A code of the member's own claims signed by a foreign key under its kid is refused 400 signature-invalid",
            requirements = { "REQ-KEY-1", "REQ-CRYPTO-1" }, negative = true)
    public void foreignKeyUnderTheMembersKidIsRefused(TestContext ctx) {
        MemberFixtures.IssuedCode genuine = MemberFixtures.of(ctx).freshCode(Colour.GREEN);
        ParsedJws jws = ParsedJws.parseCompact(genuine.code());
        String region = new DynamicCodeCodec().decode(genuine.code()).rgn();
        Jwk published = Published.keySet(ctx).resolve(jws.header().kid()).orElseThrow(() -> Check.fail(
                "REQ-KEY-1: the member signs with kid " + jws.header().kid() + " that its key set does not hold"));
        String forged = ForeignCodes.forgedAsTarget(ctx, published.profile(), jws.header().kid(), region);
        MemberCalls.verify(ctx, forged).expectProblem(ProblemType.SIGNATURE_INVALID,
                "REQ-KEY-1: a code verifies only with the member's own key, whatever kid it names");
    }

    /** The code verified with the member's published key set; a failure names the refusal. */
    static CodeClaims verifiedWithPublishedKeys(TestContext ctx, String code) {
        JwkSet keys = Published.keySet(ctx);
        try {
            return new DynamicCodeCodec().verify(code, keys);
        } catch (JoseException e) {
            throw Check.fail("REQ-CODE-1: the member's fresh code does not verify with its published keys ("
                    + e.type().slug() + ": " + e.getMessage() + ")" + (e.errors().isEmpty() ? "" : " " + e.errors()));
        }
    }
}
