package org.yimatong.tokens.idtoken;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.problem.ProblemType;
import org.yimatong.tokens.oauth.OAuthError;
import org.yimatong.tokens.oauth.TokenException;
import org.yimatong.tokens.testing.MutableClock;
import org.yimatong.tokens.testing.TestMember;

import com.fasterxml.jackson.databind.node.ObjectNode;

class IdTokenValidatorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private static final String SUBSTANTIAL = "urn:ymt:loa:substantial";
    private static final String LIST_SUB = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final MutableClock clock = new MutableClock(NOW);
    private final TestMember shanghai = new TestMember("ymt:member:310000", SignatureProfile.SM2);
    private final TestMember.Directory directory = new TestMember.Directory().add(shanghai);
    private final IdTokenValidator validator = new IdTokenValidator(TestMember.HUB, directory,
            IdTokenValidator.ALL_PROFILES, Duration.ofSeconds(30), clock);

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void goodIdTokenOfEachProfileValidates(SignatureProfile profile) {
        TestMember member = new TestMember("ymt:member:320000", profile);
        directory.add(member);

        ValidatedIdToken token = validator.validate(member.idToken("alice-js", SUBSTANTIAL, NOW));

        assertEquals("ymt:member:320000", token.issuer());
        assertEquals("alice-js", token.subject());
        assertEquals(LevelOfAssurance.SUBSTANTIAL, token.acr());
        assertEquals(NOW.minusSeconds(60), token.authTime());
        assertEquals(Optional.of("id-alice-js-" + NOW.getEpochSecond()), token.jti());
    }

    @Test
    void theResidentsListPseudonymIsReadWhenTheHomeSendsIt() {
        ObjectNode claims = claims();
        claims.put("ymt_list_sub", LIST_SUB);

        ValidatedIdToken token = validator.validate(shanghai.sign(claims));

        assertEquals(Optional.of(LIST_SUB), token.listSubject());
        assertEquals(Optional.empty(), validator.validate(shanghai.sign(claims())).listSubject());
    }

    @Test
    void aListPseudonymThatIsNoHmacSm3IsRefused() {
        for (String bad : List.of(LIST_SUB.toUpperCase(), LIST_SUB.substring(1), "110101199003074578")) {
            ObjectNode claims = claims();
            claims.put("ymt_list_sub", bad);

            assertRefused(ProblemType.CODE_MALFORMED, shanghai.sign(claims));
        }
    }

    @Test
    void unsignedTokenIsRefused() {
        String token = TestMember.withHeader("{\"alg\":\"none\",\"kid\":\"310000-1\"}", claims(), input -> new byte[0]);

        assertRefused(ProblemType.ALGORITHM_NOT_ALLOWED, token);
    }

    @Test
    void hs256SignedWithTheMembersPublicKeyAsSecretIsRefused() {
        // the classic confusion: the attacker uses the published public key as an HMAC secret
        Jwk key = shanghai.key();
        for (byte[] secret : List.of(key.publicOnly().toString().getBytes(StandardCharsets.UTF_8),
                KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII))) {
            String token = TestMember.withHeader("{\"alg\":\"HS256\",\"kid\":\"" + key.kid() + "\"}", claims(),
                    input -> hmacSha256(secret, input));

            assertRefused(ProblemType.ALGORITHM_KEY_MISMATCH, token);
        }
    }

    @Test
    void unknownKidIsRefusedAfterExactlyOneRefresh() {
        Jwk other = Jwk.generate(SignatureProfile.SM2).withKid("310000-9");
        String token = JwsSigner.sign(other, "JWT", claims().toString().getBytes(StandardCharsets.UTF_8));

        assertRefused(ProblemType.UNKNOWN_KEY, token);
        assertEquals(1, directory.refreshes());
    }

    @Test
    void keyPublishedSinceTheLastFetchIsFoundByTheRefresh() {
        // given the member rotated to a key the hub has not fetched yet
        Jwk rotated = Jwk.generate(SignatureProfile.SM2).withKid("310000-2");
        directory.onRefresh(shanghai.entityId(), new JwkSet(List.of(shanghai.key().publicOnly(), rotated
                .publicOnly())));
        String token = JwsSigner.sign(rotated, "JWT", claims().toString().getBytes(StandardCharsets.UTF_8));

        // when / then
        assertEquals("alice", validator.validate(token).subject());
        assertEquals(1, directory.refreshes());
    }

    @Test
    void knownKidNeedsNoRefresh() {
        validator.validate(shanghai.sign(claims()));

        assertEquals(0, directory.refreshes());
    }

    @Test
    void expiredTokenIsRefused() {
        String token = shanghai.sign(claims());
        clock.set(NOW.plusSeconds(600 + 31));

        assertRefused(ProblemType.CODE_EXPIRED, token);
    }

    @Test
    void expiryWithinTheSkewIsAccepted() {
        String token = shanghai.sign(claims());
        clock.set(NOW.plusSeconds(600 + 30));

        assertEquals("alice", validator.validate(token).subject());
    }

    @Test
    void tokenNotYetValidIsRefused() {
        ObjectNode claims = claims();
        claims.put("nbf", NOW.plusSeconds(120).getEpochSecond());

        assertRefused(ProblemType.CODE_NOT_YET_VALID, shanghai.sign(claims));
    }

    @Test
    void tokenIssuedInTheFutureIsRefused() {
        assertRefused(ProblemType.CODE_NOT_YET_VALID,
                shanghai.idToken("alice", SUBSTANTIAL, NOW.plusSeconds(120)));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        ObjectNode claims = claims();
        claims.put("aud", "ymt:hub:national");

        assertRefused(ProblemType.WRONG_AUDIENCE, shanghai.sign(claims));
    }

    @Test
    void audienceArrayNamingTheHubIsAccepted() {
        ObjectNode claims = claims();
        claims.putArray("aud").add("ymt:hub:national").add(TestMember.HUB);

        assertEquals("alice", validator.validate(shanghai.sign(claims)).subject());
    }

    @Test
    void issuerThisHubDoesNotKnowIsRefused() {
        TestMember stranger = new TestMember("ymt:member:620000", SignatureProfile.SM2);

        assertRefused(ProblemType.UNKNOWN_ISSUER, stranger.idToken("bob", SUBSTANTIAL, NOW));
    }

    @Test
    void tokenSignedWithAnotherMembersKeyIsRefused() {
        // iss says Shanghai, kid names Shanghai's key, but the signature is another key's
        Jwk forger = Jwk.generate(SignatureProfile.SM2).withKid(shanghai.key().kid());
        String token = JwsSigner.sign(forger, "JWT", claims().toString().getBytes(StandardCharsets.UTF_8));

        assertRefused(ProblemType.SIGNATURE_INVALID, token);
    }

    @Test
    void unknownLevelIsRefused() {
        ObjectNode claims = claims();
        claims.put("acr", "urn:ymt:loa:medium");

        assertRefused(ProblemType.UNKNOWN_LEVEL_OF_ASSURANCE, shanghai.sign(claims));
    }

    @Test
    void missingAcrOrAuthTimeIsMalformed() {
        for (String claim : List.of("acr", "auth_time", "sub", "exp", "iat")) {
            ObjectNode claims = claims();
            claims.remove(claim);
            assertRefused(ProblemType.CODE_MALFORMED, shanghai.sign(claims));
        }
    }

    @Test
    void hubAccessTokenOrDynamicCodeIsNotAnIdToken() {
        for (String typ : List.of("at+jwt", "ymt-code+jwt")) {
            String token = JwsSigner.sign(shanghai.key(), typ, claims().toString().getBytes(StandardCharsets.UTF_8));
            assertRefused(ProblemType.CODE_WRONG_TYPE, token);
        }
    }

    @Test
    void garbageIsMalformed() {
        assertRefused(ProblemType.CODE_MALFORMED, "not-a-jwt");
    }

    private ObjectNode claims() {
        return shanghai.claims("alice", SUBSTANTIAL, NOW);
    }

    private void assertRefused(ProblemType expected, String token) {
        TokenException e = assertThrows(TokenException.class, () -> validator.validate(token));
        assertEquals(expected, e.type(), e::getMessage);
        assertEquals(OAuthError.INVALID_REQUEST, e.oauthError());
    }

    private static byte[] hmacSha256(byte[] secret, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
