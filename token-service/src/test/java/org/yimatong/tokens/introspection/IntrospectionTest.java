package org.yimatong.tokens.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.schemas.payload.PayloadJson;
import org.yimatong.tokens.accesstoken.HubAccessToken;
import org.yimatong.tokens.exchange.TokenExchange;
import org.yimatong.tokens.testing.TestHub;
import org.yimatong.tokens.testing.TestMember;

import com.fasterxml.jackson.databind.JsonNode;

class IntrospectionTest {

    private final TestHub hub = new TestHub(SignatureProfile.SM2);

    @Test
    void validTokenIntrospectsActiveWithItsClaims() {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.SUBSTANTIAL, TestHub.CIVIL);
        HubAccessToken claims = issued.claims();

        IntrospectionResponse answer = hub.introspection.introspect(issued.token(), TestHub.CIVIL);

        assertTrue(answer.active());
        assertEquals(TestMember.HUB_ISSUER, answer.iss());
        assertEquals(claims.subject(), answer.sub());
        assertEquals(List.of(TestHub.CIVIL), answer.aud());
        assertEquals("urn:ymt:loa:substantial", answer.acr());
        assertEquals("ymt:member:310000", answer.home());
        assertEquals(claims.jti(), answer.jti());
        assertEquals(claims.expiresAt().getEpochSecond(), answer.exp());
        assertEquals(TestHub.CIVIL, answer.clientId());
    }

    @Test
    void revokedTokenIsExactlyActiveFalse() throws Exception {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        hub.revocations.revoke(TestMember.HUB, issued.claims().jti(), issued.claims().expiresAt());

        assertInactive(hub.introspection.introspect(issued.token(), TestHub.CIVIL));
    }

    @Test
    void expiredTokenIsInactive() throws Exception {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        hub.clock.advance(hub.lifetime().plus(hub.settings.clockSkew()));

        assertInactive(hub.introspection.introspect(issued.token(), TestHub.CIVIL));
    }

    @Test
    void tokenJustBeforeExpiryIsStillActive() {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        hub.clock.advance(hub.lifetime().minusSeconds(1));

        assertTrue(hub.introspection.introspect(issued.token(), TestHub.CIVIL).active());
    }

    @Test
    void garbageForgedOrForeignTokensAreInactive() throws Exception {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        String forged = issued.claims().sign(Jwk.generate(SignatureProfile.SM2)
                .withKid(hub.keys.signingKey(SignatureProfile.SM2, hub.clock.instant()).kid()));
        String memberIdToken = hub.shanghai.idToken("alice", "urn:ymt:loa:high", hub.clock.instant());

        for (String token : List.of("garbage", forged, memberIdToken, "")) {
            assertInactive(hub.introspection.introspect(token, TestHub.CIVIL));
        }
    }

    @Test
    void anotherDepartmentLearnsNothingAboutTheToken() throws Exception {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);

        assertInactive(hub.introspection.introspect(issued.token(), TestHub.LIBRARY));
    }

    @Test
    void signedAnswerIsATokenIntrospectionJwtFromTheHub() throws Exception {
        TokenExchange.IssuedToken issued = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        IntrospectionResponse answer = hub.introspection.introspect(issued.token(), TestHub.CIVIL);

        String jwt = hub.introspection.signed(answer, TestHub.CIVIL);

        VerifiedJws jws = new JwsVerifier(Set.of(SignatureProfile.values()), "token-introspection+jwt")
                .verify(jwt, hub.keys.publishedKeys(hub.clock.instant()));
        JsonNode claims = StrictJson.read(jws.payload());
        assertEquals("token-introspection+jwt", jws.header().typ());
        assertEquals(TestMember.HUB_ISSUER, claims.get("iss").asText());
        assertEquals(TestMember.HUB, claims.get("ymt_entity").asText());
        assertEquals(TestHub.CIVIL, claims.get("aud").asText());
        assertEquals(hub.clock.instant().getEpochSecond(), claims.get("iat").asLong());
        assertEquals(answer, PayloadJson.mapper().treeToValue(claims.get("token_introspection"),
                IntrospectionResponse.class));
    }

    @Test
    void signedInactiveAnswerCarriesOnlyActiveFalse() throws Exception {
        String jwt = hub.introspection.signed(IntrospectionResponse.inactive(), TestHub.CIVIL);

        VerifiedJws jws = new JwsVerifier(Set.of(SignatureProfile.values()), "token-introspection+jwt")
                .verify(jwt, hub.keys.publishedKeys(hub.clock.instant()));
        assertEquals("{\"active\":false}", StrictJson.read(jws.payload()).get("token_introspection").toString());
    }

    @Test
    void afterRotationOldTokensStayActiveUntilTheyExpireAndNewTokensCarryTheNewKid() {
        // given a token signed by the first key
        TokenExchange.IssuedToken old = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);
        String oldKid = hub.keys.signingKey(SignatureProfile.SM2, hub.clock.instant()).kid();

        // when an admin rotates with no publication delay, and a minute passes
        hub.keys.set(hub.keys.list().with(hub.rotationPolicy.rotate(hub.keys.list().keys(),
                Jwk.generate(SignatureProfile.SM2), hub.clock.instant(), Duration.ZERO)));
        hub.clock.advance(Duration.ofMinutes(1));
        TokenExchange.IssuedToken fresh = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL);

        // then
        assertTrue(hub.introspection.introspect(old.token(), TestHub.CIVIL).active());
        assertTrue(hub.introspection.introspect(fresh.token(), TestHub.CIVIL).active());
        assertEquals(oldKid, kid(old.token()));
        assertNotEquals(oldKid, kid(fresh.token()));

        // and once the old token has expired, its key leaves the set
        hub.clock.advance(hub.lifetime().plus(hub.settings.clockSkew()));
        assertTrue(hub.keys.publishedKeys(hub.clock.instant()).resolve(oldKid).isEmpty());
        assertTrue(hub.keys.publishedKeys(hub.clock.instant()).resolve(kid(fresh.token())).isPresent());
    }

    private static String kid(String token) {
        return ParsedJws.parseCompact(token).header().kid();
    }

    private static void assertInactive(IntrospectionResponse answer) throws Exception {
        assertEquals("{\"active\":false}", PayloadJson.mapper().writeValueAsString(answer));
    }
}
