package org.yimatong.hub.tokens;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_B;
import static org.yimatong.hub.tokens.TokenTestKit.DEPT_E;
import static org.yimatong.hub.tokens.TokenTestKit.HUB;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yimatong.hub.testing.TestClock;
import org.yimatong.hub.tokens.TokenTestKit.Party;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.VerifiedJws;
import org.yimatong.tokens.pairwise.PairwiseSubjects;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GrantType;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenIntrospectionRequest;
import com.nimbusds.oauth2.sdk.TokenIntrospectionResponse;
import com.nimbusds.oauth2.sdk.TokenIntrospectionSuccessResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.token.TypelessToken;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;

import io.quarkus.test.junit.QuarkusTest;

import net.minidev.json.JSONObject;

/**
 * A department as it would be written with a mainstream OAuth library (Nimbus OAuth 2.0 SDK, Nimbus JOSE+JWT), knowing
 * only the hub's issuer URL: it discovers the hub from its RFC 8414 metadata, authenticates with
 * {@code private_key_jwt} under a key the library made, exchanges a member login's ID token (WireMock plays the
 * member's key set), opens a session by client credentials, introspects, and validates what the hub signs against
 * the published key set. SM2, which the library has not, is checked with the project's verifier. Prefix 35 is this
 * test's.
 */
@QuarkusTest
class StandardOAuthClientTest {

    private static final WireMockServer LOGIN = new WireMockServer(wireMockConfig().dynamicPort());
    private static final Party MEMBER = Party.of("ymt:member:350000", SignatureProfile.SM2);
    private static final String INTROSPECTION_JWT = "application/token-introspection+jwt";

    /** The departments' own keys, made by the library: E's tokens are signed ES256, B's SM2. */
    private static ECKey departmentE;
    private static ECKey departmentB;

    @Inject
    TestClock clock;

    @Inject
    PairwiseSubjects pairwise;

    @BeforeAll
    static void startTheMembersLogin() throws Exception {
        LOGIN.start();
        LOGIN.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JwkSet(List.of(MEMBER.key().publicOnly())).toJson().toString())));
        departmentE = new ECKeyGenerator(Curve.P_256).keyID("650200-oauth").generate();
        departmentB = new ECKeyGenerator(Curve.P_256).keyID("650100-oauth").generate();
    }

    @AfterAll
    static void stopTheMembersLogin() {
        LOGIN.stop();
    }

    @BeforeEach
    void register() {
        clock.reset();
        TokenTestKit.register(MEMBER, "PLATFORM", LOGIN.baseUrl() + "/jwks", "35");
        TokenTestKit.register(new Party(DEPT_E, Jwk.parse(departmentE.toPublicJWK().toJSONString())), "PLATFORM",
                null, "650200");
        TokenTestKit.register(new Party(DEPT_B, Jwk.parse(departmentB.toPublicJWK().toJSONString())), "PLATFORM",
                null, "650100");
    }

    @Test
    void theLibraryDiscoversTheHubFromItsIssuerAlone() throws Exception {
        AuthorizationServerMetadata metadata = discover();

        assertEquals(TokenTestKit.issuer(), metadata.getIssuer().getValue());
        assertEquals(URI.create(TokenTestKit.issuer() + "/v1/token"), metadata.getTokenEndpointURI());
        assertEquals(URI.create(TokenTestKit.issuer() + "/v1/introspect"), metadata.getIntrospectionEndpointURI());
        assertTrue(metadata.getGrantTypes().containsAll(List.of(GrantType.TOKEN_EXCHANGE,
                GrantType.CLIENT_CREDENTIALS)), metadata.getGrantTypes().toString());
        assertTrue(metadata.getTokenEndpointAuthMethods().contains(ClientAuthenticationMethod.PRIVATE_KEY_JWT));
        assertTrue(metadata.getTokenEndpointJWSAlgs().contains(JWSAlgorithm.ES256));
        assertEquals(HUB, metadata.getCustomParameter("ymt_entity"));
    }

    @Test
    void anEs256DepartmentExchangesIntrospectsAndValidatesEverythingWithTheLibrary() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        String idToken = TokenTestKit.idToken(MEMBER, "erin", "urn:ymt:loa:substantial", clock.instant());

        // token exchange, the assertion addressed to the token endpoint (the library's default)
        AccessTokenResponse exchanged = success(new TokenRequest(metadata.getTokenEndpointURI(),
                assertion(departmentE, DEPT_E, metadata.getTokenEndpointURI()), exchangeFor(idToken, DEPT_E)));
        AccessToken token = exchanged.getTokens().getAccessToken();
        assertEquals(TokenTypeURI.ACCESS_TOKEN, token.getIssuedTokenType());

        // the access token validates against the metadata's key set: typ, signature, iss, aud, times
        JWTClaimsSet claims = processor(metadata, "at+jwt", DEPT_E, Set.of("sub", "exp", "iat", "jti", "acr",
                "client_id")).process(token.getValue(), null);
        assertEquals(pairwise.subject(MEMBER.id(), "erin", DEPT_E), claims.getSubject());
        assertEquals(HUB, claims.getStringClaim("ymt_entity"));
        assertEquals(MEMBER.id(), claims.getStringClaim("home"));

        // introspection, the assertion addressed to the issuer
        TokenIntrospectionSuccessResponse answer = introspected(new TokenIntrospectionRequest(
                metadata.getIntrospectionEndpointURI(), assertion(departmentE, DEPT_E, issuerUri()), token));
        assertTrue(answer.isActive());
        assertEquals(TokenTestKit.issuer(), answer.getIssuer().getValue());
        assertEquals(claims.getSubject(), answer.getSubject().getValue());
        assertEquals(DEPT_E, answer.getClientID().getValue());

        // the signed answer (RFC 9701): the library builds the request, the department asks for the JWT form
        HTTPRequest signedRequest = new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(),
                assertion(departmentE, DEPT_E, issuerUri()), token).toHTTPRequest();
        signedRequest.setAccept(INTROSPECTION_JWT);
        HTTPResponse signed = signedRequest.send();
        assertEquals(200, signed.getStatusCode());
        assertTrue(signed.getHeaderValue("Content-Type").startsWith(INTROSPECTION_JWT), signed.getHeaderValue(
                "Content-Type"));
        JWTClaimsSet signedClaims = processor(metadata, "token-introspection+jwt", DEPT_E, Set.of("iat"))
                .process(signed.getBody().strip(), null);
        TokenIntrospectionSuccessResponse inside = TokenIntrospectionSuccessResponse.parse(new JSONObject(
                signedClaims.getJSONObjectClaim("token_introspection")));
        assertTrue(inside.isActive());
        assertEquals(claims.getJWTID(), inside.getJWTID().getValue());
    }

    @Test
    void clientCredentialsOpenASessionTheLibraryValidatesAndUsesAsBearer() throws Exception {
        AuthorizationServerMetadata metadata = discover();

        AccessToken session = success(new TokenRequest(metadata.getTokenEndpointURI(), assertion(departmentE,
                DEPT_E, metadata.getTokenEndpointURI()), new ClientCredentialsGrant())).getTokens().getAccessToken();

        JWTClaimsSet claims = processor(metadata, "at+jwt", HUB, Set.of("sub", "exp", "jti")).process(session
                .getValue(), null);
        assertEquals(DEPT_E, claims.getSubject());
        assertEquals("ymt:session", claims.getStringClaim("scope"));
        // the session authenticates the department at introspection instead of an assertion (RFC 7662 §2.1)
        AccessToken exchanged = success(new TokenRequest(metadata.getTokenEndpointURI(), assertion(departmentE,
                DEPT_E, metadata.getTokenEndpointURI()), exchangeFor(TokenTestKit.idToken(MEMBER, "sam",
                        "urn:ymt:loa:basic", clock.instant()), DEPT_E))).getTokens().getAccessToken();
        assertTrue(introspected(new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(), session,
                exchanged)).isActive());
    }

    @Test
    void anSm2DepartmentsTokenAndSignedAnswerVerifyWithTheProjectsVerifier() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        String idToken = TokenTestKit.idToken(MEMBER, "bo", "urn:ymt:loa:substantial", clock.instant());

        AccessToken token = success(new TokenRequest(metadata.getTokenEndpointURI(), assertion(departmentB, DEPT_B,
                metadata.getTokenEndpointURI()), exchangeFor(idToken, DEPT_B))).getTokens().getAccessToken();
        HTTPRequest signedRequest = new TokenIntrospectionRequest(metadata.getIntrospectionEndpointURI(),
                assertion(departmentB, DEPT_B, issuerUri()), token).toHTTPRequest();
        signedRequest.setAccept(INTROSPECTION_JWT);
        // (the library hands the body on with a line break after its last line)
        String signed = signedRequest.send().getBody().strip();

        // the library has no SM2: both verify against /v1/jwks (the entity configuration's) with the project's verifier
        JwkSet published = TokenTestKit.publishedJwks();
        VerifiedJws accessToken = new JwsVerifier(Set.of(SignatureProfile.SM2), "at+jwt").verify(token.getValue(),
                published);
        JsonNode claims = StrictJson.read(accessToken.payload());
        assertEquals(TokenTestKit.issuer(), claims.get("iss").textValue());
        assertEquals(DEPT_B, claims.get("aud").textValue());
        JsonNode answer = StrictJson.read(new JwsVerifier(Set.of(SignatureProfile.SM2), "token-introspection+jwt")
                .verify(signed, published).payload());
        assertEquals(TokenTestKit.issuer(), answer.get("iss").textValue());
        assertEquals(DEPT_B, answer.get("aud").textValue());
        assertEquals(claims.get("jti"), answer.get("token_introspection").get("jti"));
        // and the key set of the metadata, which the library reads, has no SM2 key to stumble over
        assertFalse(JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build().get(new JWKSelector(
                new JWKMatcher.Builder().build()), null).isEmpty());
    }

    @Test
    void anAssertionForAnotherAudienceIsInvalidClient() throws Exception {
        AuthorizationServerMetadata metadata = discover();

        ErrorObject error = refused(new TokenRequest(metadata.getTokenEndpointURI(), assertion(departmentE, DEPT_E,
                URI.create("https://another-hub.example/v1/token")), new ClientCredentialsGrant()));

        assertEquals("invalid_client", error.getCode());
        assertEquals(401, error.getHTTPStatusCode());
    }

    @Test
    void aGrantTheHubDoesNotOfferIsUnsupportedGrantType() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        AuthorizationGrant refresh = new RefreshTokenGrant(new RefreshToken());

        ErrorObject error = refused(new TokenRequest(metadata.getTokenEndpointURI(), assertion(departmentE, DEPT_E,
                metadata.getTokenEndpointURI()), refresh));

        assertEquals("unsupported_grant_type", error.getCode());
        assertEquals(400, error.getHTTPStatusCode());
    }

    @Test
    void aClientTheHubDoesNotKnowIsInvalidClient() throws Exception {
        AuthorizationServerMetadata metadata = discover();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("stranger-1").generate();

        ErrorObject error = refused(new TokenRequest(metadata.getTokenEndpointURI(), assertion(stranger,
                "ymt:member:359999", metadata.getTokenEndpointURI()), new ClientCredentialsGrant()));

        assertEquals("invalid_client", error.getCode());
        assertEquals(401, error.getHTTPStatusCode());
    }

    private static AuthorizationServerMetadata discover() throws Exception {
        return AuthorizationServerMetadata.resolve(new Issuer(TokenTestKit.issuer()));
    }

    private static URI issuerUri() {
        return URI.create(TokenTestKit.issuer());
    }

    /** An RFC 8693 grant for {@code audience}, the subject token an ID token. */
    private static TokenExchangeGrant exchangeFor(String idToken, String audience) {
        return new TokenExchangeGrant(new TypelessToken(idToken), TokenTypeURI.ID_TOKEN, null, null,
                TokenTypeURI.ACCESS_TOKEN, List.of(new Audience(audience)));
    }

    /** {@code private_key_jwt} (RFC 7523) for {@code audience}, living the hub's maximum of 60 s. */
    private ClientAuthentication assertion(ECKey key, String clientId, URI audience) throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTAuthenticationClaimsSet claims = new JWTAuthenticationClaimsSet(new ClientID(clientId),
                new Audience(audience).toSingleAudienceList(), Date.from(now.plusSeconds(60)), null, Date.from(now),
                new JWTID());
        return new PrivateKeyJWT(claims, JWSAlgorithm.ES256, key.toECPrivateKey(), key.getKeyID(), null);
    }

    private static AccessTokenResponse success(TokenRequest request) throws Exception {
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toJSONObject()
                .toString());
        return response.toSuccessResponse();
    }

    private static ErrorObject refused(TokenRequest request) throws Exception {
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertFalse(response.indicatesSuccess());
        return response.toErrorResponse().getErrorObject();
    }

    private static TokenIntrospectionSuccessResponse introspected(TokenIntrospectionRequest request)
            throws Exception {
        TokenIntrospectionResponse response = TokenIntrospectionResponse.parse(request.toHTTPRequest().send());
        assertTrue(response.indicatesSuccess(), () -> response.toErrorResponse().getErrorObject().toJSONObject()
                .toString());
        return response.toSuccessResponse();
    }

    /**
     * The library's JWT processor over the metadata's key set (ES256): {@code typ}, signature, {@code iss} the
     * issuer, {@code aud}, times on the wall clock (the hub's test clock runs real time here).
     */
    private static DefaultJWTProcessor<SecurityContext> processor(AuthorizationServerMetadata metadata, String typ,
            String audience, Set<String> required) throws Exception {
        JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(typ)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience, new JWTClaimsSet.Builder()
                .issuer(metadata.getIssuer().getValue()).build(), required));
        return processor;
    }
}
