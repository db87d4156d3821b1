package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemType;

/** Each profile end to end: key out as a published JWKS, JWS made, key back in, JWS verified. */
class JwsRoundTripTest {

    private static final byte[] PAYLOAD = "{\"hello\":\"世界\"}".getBytes(StandardCharsets.UTF_8);
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), "test+jwt");

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void compactJwsVerifiesWithThePublishedKeySet(SignatureProfile profile) {
        // given a signer whose key set went out as JSON and came back
        Jwk key = Jwk.generate(profile);
        JwkSet published = JwkSet.parse(new JwkSet(List.of(key)).toJson().toString());

        // when
        String jws = JwsSigner.sign(key, "test+jwt", PAYLOAD);
        VerifiedJws verified = VERIFIER.verify(jws, published);

        // then
        assertEquals(3, jws.split("\\.").length);
        assertArrayEquals(PAYLOAD, verified.payload());
        assertEquals(profile.joseName(), verified.header().alg());
        assertEquals(key.kid(), verified.key().kid());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void detachedJwsVerifiesOnlyWithItsPayload(SignatureProfile profile) {
        // given
        Jwk key = Jwk.generate(profile);
        JwkSet keys = new JwkSet(List.of(key.publicOnly()));

        // when
        String jws = JwsSigner.signDetached(key, "test+jwt", PAYLOAD);

        // then
        assertTrue(jws.contains(".."));
        assertArrayEquals(PAYLOAD, VERIFIER.verifyDetached(jws, PAYLOAD, keys).payload());
        JoseException e = assertThrows(JoseException.class,
                () -> VERIFIER.verifyDetached(jws, "{}".getBytes(StandardCharsets.UTF_8), keys));
        assertEquals(ProblemType.SIGNATURE_INVALID, e.type());
    }

    @ParameterizedTest
    @EnumSource(SignatureProfile.class)
    void headerIsTypAlgKidInThatOrder(SignatureProfile profile) {
        // given
        Jwk key = Jwk.generate(profile).withKid("k-1");

        // when
        String jws = JwsSigner.sign(key, "ymt-code+jwt", PAYLOAD);
        String header = new String(Base64.getUrlDecoder().decode(jws.substring(0, jws.indexOf('.'))),
                StandardCharsets.UTF_8);

        // then
        assertEquals("{\"typ\":\"ymt-code+jwt\",\"alg\":\"" + profile.joseName() + "\",\"kid\":\"k-1\"}", header);
    }
}
