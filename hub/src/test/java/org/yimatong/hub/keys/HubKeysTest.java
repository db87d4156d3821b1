package org.yimatong.hub.keys;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

@QuarkusTest
class HubKeysTest {

    @Inject
    HubKeyRing keyRing;

    @Inject
    Pool pool;

    @Test
    void jwksPublishesOneSm2AndOneEs256PublicKey() {
        String body = given().when().get("/v1/jwks")
                .then().statusCode(200).contentType("application/jwk-set+json")
                .extract().asString();

        JwkSet published = JwkSet.parse(body);
        assertEquals(Set.of(SignatureProfile.SM2, SignatureProfile.ES256),
                published.keys().stream().map(Jwk::profile).collect(Collectors.toSet()));
        assertFalse(body.contains("\"d\""), "a private part leaked into the key set");
    }

    @Test
    void privateKeysAreStoredSealedNotInTheClear() {
        List<Row> rows = rows("select kid, public_jwk, private_key_sealed from hub_signing_key");
        assertEquals(2, rows.size());
        for (Row row : rows) {
            String sealed = new String(row.getBuffer("private_key_sealed").getBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(sealed.contains(row.getString("kid")), "the sealed private key is readable");
            assertFalse(row.getString("public_jwk").contains("\"d\""));
        }
    }

    @Test
    void restartingLoadsTheSameKeysInsteadOfMakingNewOnes() throws Throwable {
        Set<String> before = kids(keyRing.publishedKeys());

        keyRing.onStart(null);

        assertEquals(before, kids(keyRing.publishedKeys()));
        assertEquals(2, rows("select kid from hub_signing_key").size());
    }

    @Test
    void signingKeysSignWhatThePublishedKeysVerify() {
        for (SignatureProfile profile : List.of(SignatureProfile.SM2, SignatureProfile.ES256)) {
            Jwk signer = keyRing.signingKey(profile).orElseThrow();
            byte[] message = "yimatong".getBytes(StandardCharsets.UTF_8);
            Jwk published = keyRing.publishedKeys().resolve(signer.kid()).orElseThrow();
            assertTrue(published.verify(message, signer.sign(message)), profile + " key does not verify");
        }
    }

    private Set<String> kids(JwkSet set) {
        return set.keys().stream().map(Jwk::kid).collect(Collectors.toSet());
    }

    private List<Row> rows(String sql) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.query(sql).execute().await().indefinitely().forEach(rows::add);
        return rows;
    }
}
