package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class JwkSetTest {

    @Test
    void keysAreFoundByKidAndUnknownKidsAreEmpty() {
        // given a set of one key per profile
        Jwk sm2 = Jwk.generate(SignatureProfile.SM2);
        Jwk es256 = Jwk.generate(SignatureProfile.ES256);
        Jwk ed = Jwk.generate(SignatureProfile.EDDSA).withKid("ed-2026-11");
        JwkSet set = new JwkSet(List.of(sm2, es256, ed));

        // when / then
        assertEquals(sm2, set.resolve(sm2.kid()).orElseThrow());
        assertEquals(ed, set.resolve("ed-2026-11").orElseThrow());
        assertTrue(set.resolve("nope").isEmpty());
        assertTrue(set.resolve(null).isEmpty());
    }

    @Test
    void jwksRoundTripsThroughJacksonWithPublicPartsOnly() throws Exception {
        // given a set holding private keys
        JwkSet set = new JwkSet(List.of(Jwk.generate(SignatureProfile.SM2), Jwk.generate(SignatureProfile.EDDSA)));

        // when
        String json = StrictJson.mapper().writeValueAsString(set);
        JwkSet back = StrictJson.mapper().readValue(json, JwkSet.class);

        // then
        assertFalse(json.contains("\"d\""));
        assertEquals(set.publicOnly().keys(), back.keys());
        assertEquals(json, JwkSet.parse(json).toJson().toString());
    }

    @Test
    void duplicateKidsAreRefused() {
        // given two keys under one kid
        Jwk a = Jwk.generate(SignatureProfile.SM2).withKid("k");
        Jwk b = Jwk.generate(SignatureProfile.SM2).withKid("k");

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> new JwkSet(List.of(a, b)));

        // then
        assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        assertEquals("/keys/1/kid", e.errors().get(0).pointer());
    }

    @Test
    void everyBadKeyOfASetIsReportedWithItsIndex() {
        // given keys 0 and 2 broken, key 1 fine
        String good = Jwk.generate(SignatureProfile.ES256).toJson().toString();
        String json = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"SM2\"}," + good + ",{\"kty\":\"OKP\",\"crv\":\"X25519\"}]}";

        // when
        ProblemException e = assertThrows(ProblemException.class, () -> JwkSet.parse(json));

        // then
        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/keys/0/x")));
        assertTrue(e.errors().stream().anyMatch(f -> f.pointer().equals("/keys/2/crv")));
        assertTrue(e.errors().stream().noneMatch(f -> f.pointer().startsWith("/keys/1")));
    }
}
