package org.yimatong.department;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.tokens.accesstoken.HubAccessToken;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/**
 * The department against a fake hub: tokens minted with the hub's own token class and signer (token-service), keys
 * from the key set the fake hub serves. A valid token at the service's level is served; one below it gets the RFC
 * 9470 challenge; anything the hub did not issue for this department gets a bare {@code Bearer} and no body.
 */
@QuarkusTest
@QuarkusTestResource(value = FakeHub.class, restrictToAnnotatedClass = true)
class ServicesTest {

    private static final String CLIENT_ID = "ymt:member:310000";
    private static final String SUB = "pairwise-sub-at-310000";
    private static final String RESIDENCE = "/services/residence-certificate";
    private static final String TRANSFER = "/services/social-security-transfer";

    @Test
    void tokenAtTheServicesLevelIsServedWithSubAndLevelOnly() {
        given().auth().oauth2(token(LevelOfAssurance.SUBSTANTIAL)).when().get(RESIDENCE).then()
                .statusCode(200)
                .body("$", aMapWithSize(3))
                .body("service", equalTo("residence-certificate"))
                .body("sub", equalTo(SUB))
                .body("acr", equalTo("urn:ymt:loa:substantial"));
    }

    @Test
    void tokenAboveTheServicesLevelIsServedWithItsOwnLevel() {
        given().auth().oauth2(token(LevelOfAssurance.HIGH)).when().get(RESIDENCE).then()
                .statusCode(200)
                .body("acr", equalTo("urn:ymt:loa:high"));
    }

    @Test
    void tokenBelowTheServicesLevelGetsTheStepUpChallenge() {
        given().auth().oauth2(token(LevelOfAssurance.BASIC)).when().get(RESIDENCE).then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer error=\"insufficient_user_authentication\", "
                        + "error_description=\"A different authentication level is required\", "
                        + "acr_values=\"urn:ymt:loa:substantial\"")
                .contentType("application/problem+json")
                .body("type", equalTo("https://yimatong.org/problems/insufficient-user-authentication"))
                .body("status", equalTo(401))
                .body("error", equalTo("insufficient_user_authentication"))
                .body("acr_values", equalTo("urn:ymt:loa:substantial"))
                .body("sub", nullValue());
    }

    @Test
    void eachServiceHoldsTokensToItsOwnLevel() {
        String substantial = token(LevelOfAssurance.SUBSTANTIAL);
        given().auth().oauth2(substantial).when().get(TRANSFER).then()
                .statusCode(401)
                .header("WWW-Authenticate", endsWith("acr_values=\"urn:ymt:loa:high\""));
        given().auth().oauth2(token(LevelOfAssurance.HIGH)).when().get(TRANSFER).then()
                .statusCode(200)
                .body("service", equalTo("social-security-transfer"));
    }

    @Test
    void tokenWithoutALevelGetsTheChallengeNotADefaultLevel() {
        ObjectNode claims = claims(LevelOfAssurance.HIGH, Instant.now());
        claims.remove("acr");
        given().auth().oauth2(JwsSigner.sign(hubKey(), HubAccessToken.TYP, bytes(claims))).when().get(RESIDENCE)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith(
                        "Bearer error=\"insufficient_user_authentication\""));
    }

    @Test
    void noTokenIsABareBearerChallenge() {
        refused(given());
    }

    @Test
    void expiredTokenIsRefused() {
        // minted ten minutes ago: five-minute token, past SmallRye's 60 s of clock skew
        ObjectNode claims = claims(LevelOfAssurance.HIGH, Instant.now().minus(Duration.ofMinutes(10)));
        refused(given().auth().oauth2(JwsSigner.sign(hubKey(), HubAccessToken.TYP, bytes(claims))));
    }

    @Test
    void tokenForAnotherDepartmentIsRefused() {
        ObjectNode claims = claims(LevelOfAssurance.HIGH, Instant.now());
        claims.put("aud", "ymt:member:320000");
        refused(given().auth().oauth2(JwsSigner.sign(hubKey(), HubAccessToken.TYP, bytes(claims))));
    }

    @Test
    void tokenFromAnotherIssuerIsRefused() {
        ObjectNode claims = claims(LevelOfAssurance.HIGH, Instant.now());
        claims.put("iss", "https://elsewhere.example");
        refused(given().auth().oauth2(JwsSigner.sign(hubKey(), HubAccessToken.TYP, bytes(claims))));
    }

    @Test
    void tokenNamingTheHubsEntityIdAsIssuerIsRefused() {
        // iss is the hub's URL (RFC 8414 issuer); the entity id is only ymt_entity
        ObjectNode claims = claims(LevelOfAssurance.HIGH, Instant.now());
        claims.put("iss", FakeHub.ENTITY);
        refused(given().auth().oauth2(JwsSigner.sign(hubKey(), HubAccessToken.TYP, bytes(claims))));
    }

    @Test
    void tokenSignedByAStrangerUnderTheHubsKidIsRefused() {
        Jwk stranger = Jwk.generate(SignatureProfile.ES256).withKid(hubKey().kid());
        refused(given().auth().oauth2(JwsSigner.sign(stranger, HubAccessToken.TYP,
                bytes(claims(LevelOfAssurance.HIGH, Instant.now())))));
    }

    @Test
    void unsignedTokenIsRefused() {
        String header = base64("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        String unsigned = header + "." + base64(bytes(claims(LevelOfAssurance.HIGH, Instant.now()))) + ".";
        refused(given().auth().oauth2(unsigned));
    }

    @Test
    void tokenWithItsSignatureAlteredIsRefused() {
        String valid = token(LevelOfAssurance.HIGH);
        String payload = base64(bytes(claims(LevelOfAssurance.HIGH, Instant.now()).put("sub", "someone-else")));
        String[] parts = valid.split("\\.");
        refused(given().auth().oauth2(parts[0] + "." + payload + "." + parts[2]));
    }

    @Test
    void hubTokenSignedWithSm2IsRefusedForWantOfAnSm2Verifier() {
        // what the hub sends while this department's audience has no signing-algorithm ES256 (README)
        Jwk sm2 = Jwk.parse(System.getProperty(FakeHub.SM2_KEY));
        refused(given().auth().oauth2(JwsSigner.sign(sm2, HubAccessToken.TYP,
                bytes(claims(LevelOfAssurance.HIGH, Instant.now())))));
    }

    @Test
    void otherJwtOfTheHubNamingThisDepartmentIsNotAnAccessToken() {
        // e.g. a client assertion the hub signed for this department: same key, iss and aud, typ JWT
        refused(given().auth().oauth2(JwsSigner.sign(hubKey(), "JWT",
                bytes(claims(LevelOfAssurance.HIGH, Instant.now())))));
    }

    @Test
    void accessTokenMediaTypeIsAlsoAnAccessToken() {
        // RFC 9068 §4 allows the full media type
        given().auth().oauth2(JwsSigner.sign(hubKey(), "application/at+jwt",
                bytes(claims(LevelOfAssurance.SUBSTANTIAL, Instant.now())))).when().get(RESIDENCE).then()
                .statusCode(200);
    }

    private static void refused(RequestSpecification request) {
        request.when().get(RESIDENCE).then()
                .statusCode(401)
                .header("WWW-Authenticate", is("Bearer"))
                .body(is(emptyString()));
    }

    private static Jwk hubKey() {
        return Jwk.parse(System.getProperty(FakeHub.ES256_KEY));
    }

    /** A hub access token for this department as the hub mints it (HubAccessToken.sign), issued now. */
    private static String token(LevelOfAssurance level) {
        return hubToken(level, Instant.now()).sign(hubKey());
    }

    private static ObjectNode claims(LevelOfAssurance level, Instant issuedAt) {
        return hubToken(level, issuedAt).toClaims();
    }

    private static HubAccessToken hubToken(LevelOfAssurance level, Instant issuedAt) {
        Instant iat = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        return new HubAccessToken(FakeHub.ISSUER, FakeHub.ENTITY, SUB, CLIENT_ID, CLIENT_ID, level, iat.minusSeconds(
                30),
                "ymt:member:320000", "jti-" + System.nanoTime(), iat, iat.plus(Duration.ofMinutes(5)),
                Optional.empty(), Optional.empty());
    }

    private static byte[] bytes(ObjectNode claims) {
        return claims.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
