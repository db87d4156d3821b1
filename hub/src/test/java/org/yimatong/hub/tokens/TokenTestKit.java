package org.yimatong.hub.tokens;

import static io.restassured.RestAssured.given;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.yimatong.hub.testing.TestMembers;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.ClientAssertion;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.ParsedJws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Members, departments and their tokens, as the token tests use them over HTTP. */
final class TokenTestKit {

    static final String HUB = TestMembers.HUB_ID;
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    /** Department B: audience with minimum substantial, tokens signed SM2 (the hub's default). */
    static final String DEPT_B = "ymt:member:650100";
    /** Department E: audience with minimum basic, tokens signed ES256. */
    static final String DEPT_E = "ymt:member:650200";

    private TokenTestKit() {
    }

    /** The hub's OAuth issuer in tests: no {@code ymt.hub.public-url}, so the address it listens on. */
    static String issuer() {
        return "http://localhost:" + RestAssured.port;
    }

    /** A registered client or member with its own signing key. */
    record Party(String id, Jwk key) {

        static Party of(String id, SignatureProfile profile) {
            return new Party(id, Jwk.generate(profile).withKid(id.substring(id.lastIndexOf(':') + 1) + "-1"));
        }

        String assertion(Instant now) {
            return ClientAssertion.sign(key, id, HUB, now);
        }
    }

    /** Registers (or replaces) an ACTIVE member; {@code jwksUri} may be null. */
    static void register(Party party, String kind, String jwksUri, String prefix) {
        String body = """
                {"entityId":"%s","displayName":"%s","kind":"%s","regionPrefixes":["%s"],"parent":"%s",
                 "baseUrl":"http://localhost:9/m","dialect":"v1","jwks":%s%s,"status":"ACTIVE"}"""
                .formatted(party.id(), party.id(), kind, prefix, HUB,
                        new JwkSet(List.of(party.key().publicOnly())).toJson(),
                        jwksUri == null ? "" : ",\"jwksUri\":\"" + jwksUri + "\"");
        int status = given().header("Authorization", TestMembers.ADMIN).contentType(ContentType.JSON).body(body)
                .when().put("/v1/admin/members/" + party.id()).then().extract().statusCode();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("could not register " + party.id() + ": HTTP " + status);
        }
    }

    /** Claims of a good ID token of {@code issuer} for this hub: issued now, valid 10 minutes. */
    static ObjectNode idClaims(String issuer, String sub, String acr, Instant now) {
        ObjectNode claims = JsonNodeFactory.instance.objectNode();
        claims.put("iss", issuer);
        claims.put("sub", sub);
        claims.put("aud", HUB);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plusSeconds(600).getEpochSecond());
        claims.put("auth_time", now.minusSeconds(60).getEpochSecond());
        claims.put("acr", acr);
        claims.put("jti", "id-" + sub + "-" + System.nanoTime());
        return claims;
    }

    static String sign(Jwk key, ObjectNode claims) {
        return JwsSigner.sign(key, "JWT", claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String idToken(Party member, String sub, String acr, Instant now) {
        return sign(member.key(), idClaims(member.id(), sub, acr, now));
    }

    /** An ID token whose issuer vouches that its {@code actor} may act for {@code sub} (RFC 8693 §4.4). */
    static String idTokenActedForBy(Party member, String sub, String acr, Instant now, String actor) {
        ObjectNode claims = idClaims(member.id(), sub, acr, now);
        claims.putObject("may_act").put("sub", actor);
        return sign(member.key(), claims);
    }

    /** {@code POST /v1/token} as {@code client} for audience = the client unless given, with more form pairs. */
    static Response exchange(Party client, String subjectToken, Instant now, String... more) {
        RequestSpecification request = given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8))
                .formParam("grant_type", TOKEN_EXCHANGE)
                .formParam("subject_token", subjectToken)
                .formParam("subject_token_type", ID_TOKEN)
                .formParam("client_assertion_type", JWT_BEARER)
                .formParam("client_assertion", client.assertion(now));
        if (!List.of(more).contains("audience")) {
            request.formParam("audience", client.id());
        }
        for (int i = 0; i < more.length; i += 2) {
            request.formParam(more[i], more[i + 1]);
        }
        return request.when().post("/v1/token");
    }

    /** {@code POST /v1/introspect} as {@code client}. */
    static Response introspect(Party client, String token, Instant now, String accept) {
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).accept(accept)
                .formParam("token", token)
                .formParam("client_assertion_type", JWT_BEARER)
                .formParam("client_assertion", client.assertion(now))
                .when().post("/v1/introspect");
    }

    static JwkSet publishedJwks() {
        return JwkSet.parse(given().when().get("/v1/jwks").then().statusCode(200).extract().asString());
    }

    /** Verifies an SM2 compact JWS with OpenSSL 3 against the key {@code /v1/jwks} publishes for its kid. */
    static int opensslVerifySm2(String jws, Path dir) throws Exception {
        Path openssl = opensslOrSkip();
        ParsedJws parsed = ParsedJws.parseCompact(jws);
        Jwk key = publishedJwks().resolve(parsed.header().kid()).orElseThrow();
        Path pub = Files.writeString(dir.resolve("pub.pem"), KeyPem.publicKeyPem(key));
        Path msg = Files.write(dir.resolve("msg"), parsed.signingInput());
        Path sig = Files.write(dir.resolve("sig"), SignatureProfile.SM2.toDer(parsed.signature()));
        List<String> command = new ArrayList<>(List.of(openssl.toString(), "pkeyutl", "-verify", "-rawin", "-digest",
                "sm3", "-pkeyopt", "distid:" + SignatureProfile.SM2_DEFAULT_ID, "-pubin", "-inkey", pub.toString(),
                "-in", msg.toString(), "-sigfile", sig.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish in 20 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() == 0 && !output.contains("Signature Verified Successfully")) {
            throw new IllegalStateException("openssl said: " + output);
        }
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
        Assumptions.abort("openssl is absent: skipping the OpenSSL verification");
        return null;
    }
}
