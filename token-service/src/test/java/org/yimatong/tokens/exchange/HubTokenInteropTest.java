package org.yimatong.tokens.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.LevelOfAssurance;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.payload.IntrospectionResponse;
import org.yimatong.tokens.testing.TestHub;
import org.yimatong.tokens.testing.TestMember;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

/**
 * The hub's tokens verify with independent implementations against the hub's published JWKS: nimbus-jose-jwt for
 * ES256 (DESIGN.md §13), OpenSSL 3 for SM2 and EdDSA (DESIGN.md §4). The OpenSSL tests are skipped, saying so,
 * only when no {@code openssl} binary exists.
 */
class HubTokenInteropTest {

    @TempDir
    Path dir;

    @Test
    void es256HubTokenVerifiesWithNimbusAgainstThePublishedJwks() throws Exception {
        // given an ES256 hub and a delegated exchange
        TestHub hub = new TestHub(SignatureProfile.ES256);
        String child = hub.shanghai.idTokenActedForBy("child", "urn:ymt:loa:substantial", hub.clock.instant(),
                "parent", "ymt:member:320000");
        String parent = hub.jiangsu.idToken("parent", "urn:ymt:loa:high", hub.clock.instant());
        String token = hub.exchange.exchange(TestHub.CIVIL, ExchangeRequest.fromForm(TestHub.form(child,
                TestHub.CIVIL, "actor_token", parent, "actor_token_type", "urn:ietf:params:oauth:token-type:id_token")))
                .token();

        // when nimbus verifies it with the JWKS the hub serves, requiring typ at+jwt
        JWTClaimsSet claims = nimbus("at+jwt", hub).process(token, null);

        // then
        assertEquals(TestMember.HUB_ISSUER, claims.getIssuer());
        assertEquals(List.of(TestHub.CIVIL), claims.getAudience());
        assertEquals(hub.pairwise.subject("ymt:member:310000", "child", TestHub.CIVIL), claims.getSubject());
        assertEquals("urn:ymt:loa:substantial", claims.getStringClaim("acr"));
        assertEquals("ymt:member:310000", claims.getStringClaim("home"));
        assertEquals(TestHub.CIVIL, claims.getStringClaim("client_id"));
        assertEquals(Map.of("sub", hub.pairwise.subject("ymt:member:320000", "parent", TestHub.CIVIL)),
                claims.getJSONObjectClaim("act"));
        assertEquals(300, (claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()) / 1000);
        assertEquals(JWSAlgorithm.ES256, SignedJWT.parse(token).getHeader().getAlgorithm());
    }

    @Test
    void es256SignedIntrospectionVerifiesWithNimbus() throws Exception {
        TestHub hub = new TestHub(SignatureProfile.ES256);
        String token = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).token();
        IntrospectionResponse answer = hub.introspection.introspect(token, TestHub.CIVIL);

        JWTClaimsSet claims = nimbus("token-introspection+jwt", hub)
                .process(hub.introspection.signed(answer, TestHub.CIVIL), null);

        assertEquals(TestMember.HUB_ISSUER, claims.getIssuer());
        assertEquals(List.of(TestHub.CIVIL), claims.getAudience());
        assertEquals(Boolean.TRUE, claims.getJSONObjectClaim("token_introspection").get("active"));
    }

    @Test
    void sm2HubTokenVerifiesWithOpenssl() throws Exception {
        Path openssl = opensslOrSkip();
        TestHub hub = new TestHub(SignatureProfile.SM2);
        String token = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).token();

        assertEquals(0, opensslVerify(openssl, hub, token, true), "openssl refused the hub's SM2 token");
        String tampered = token.substring(0, token.indexOf('.')) + "." + Base64Url.encode("{\"sub\":\"x\"}"
                .getBytes(StandardCharsets.UTF_8)) + token.substring(token.lastIndexOf('.'));
        assertNotEquals(0, opensslVerify(openssl, hub, tampered, true), "openssl accepted a tampered token");
    }

    @Test
    void eddsaHubTokenVerifiesWithOpenssl() throws Exception {
        Path openssl = opensslOrSkip();
        TestHub hub = new TestHub(SignatureProfile.EDDSA);
        String token = hub.exchange("alice", LevelOfAssurance.HIGH, TestHub.CIVIL).token();

        assertEquals(0, opensslVerify(openssl, hub, token, false), "openssl refused the hub's EdDSA token");
    }

    private static DefaultJWTProcessor<SecurityContext> nimbus(String typ, TestHub hub) throws Exception {
        JWKSet published = JWKSet.parse(hub.keys.publishedKeys(hub.clock.instant()).toString());
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType(typ)));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(published)));
        // times are checked by our own tests against the injected clock, not nimbus's wall clock
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        return processor;
    }

    /** Verifies {@code token} with OpenSSL using the published JWK its kid names, as PEM; returns the exit code. */
    private int opensslVerify(Path openssl, TestHub hub, String token, boolean sm2) throws Exception {
        ParsedJws jws = ParsedJws.parseCompact(token);
        Jwk key = hub.keys.publishedKeys(hub.clock.instant()).resolve(jws.header().kid()).orElseThrow();
        Path pub = Files.writeString(dir.resolve("pub.pem"), KeyPem.publicKeyPem(key));
        Path msg = Files.write(dir.resolve("msg"), jws.signingInput());
        byte[] signature = sm2 ? SignatureProfile.SM2.toDer(jws.signature()) : jws.signature();
        Path sig = Files.write(dir.resolve("sig"), signature);
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "pkeyutl", "-verify", "-rawin"));
        if (sm2) {
            command.addAll(List.of("-digest", "sm3", "-pkeyopt", "distid:" + SignatureProfile.SM2_DEFAULT_ID));
        }
        command.addAll(List.of("-pubin", "-inkey", pub.toString(), "-in", msg.toString(), "-sigfile",
                sig.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish in 20 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.exitValue() != 0 || output.contains("Signature Verified Successfully"), output);
        return process.exitValue();
    }

    private static Path opensslOrSkip() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin";
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "openssl");
            if (!entry.isEmpty() && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        Assumptions.abort("openssl is absent: skipping the OpenSSL verification of hub tokens");
        return null;
    }
}
