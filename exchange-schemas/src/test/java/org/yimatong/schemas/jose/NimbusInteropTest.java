package org.yimatong.schemas.jose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.JwkSet;
import org.yimatong.schemas.crypto.KeyPem;
import org.yimatong.schemas.crypto.SignatureProfile;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;

/**
 * Interop with nimbus-jose-jwt, an independent JOSE library. ES256 fully through nimbus (JWK, JWS, JCA
 * crypto). Nimbus does its Ed25519 with Google Tink, which is not available here, so for EdDSA nimbus does
 * the JOSE side (JWK, header, signing input, serialisation) and the JDK's own Ed25519 the signature.
 */
class NimbusInteropTest {

    private static final String TYP = "ymt-code+jwt";
    private static final byte[] PAYLOAD = "{\"iss\":\"ymt:member:310000\"}".getBytes(StandardCharsets.UTF_8);
    private static final JwsVerifier VERIFIER = new JwsVerifier(EnumSet.allOf(SignatureProfile.class), TYP);

    @Test
    void ourEs256JwsVerifiesWithNimbusUsingOurJwk() throws Exception {
        // given our key, exported as JWK and read by nimbus
        Jwk key = Jwk.generate(SignatureProfile.ES256);
        ECKey nimbusKey = ECKey.parse(key.toJson().toString());

        // when
        JWSObject compact = JWSObject.parse(JwsSigner.sign(key, TYP, PAYLOAD));
        JWSObject detached = JWSObject.parse(JwsSigner.signDetached(key, TYP, PAYLOAD), new Payload(PAYLOAD));

        // then
        assertEquals(key.kid(), nimbusKey.getKeyID());
        assertTrue(compact.verify(new ECDSAVerifier(nimbusKey)));
        assertTrue(detached.verify(new ECDSAVerifier(nimbusKey)));
        assertEquals(JWSAlgorithm.ES256, compact.getHeader().getAlgorithm());
    }

    @Test
    void nimbusEs256JwsVerifiesWithOursUsingItsJwk() throws Exception {
        // given a nimbus key and token
        ECKey nimbusKey = new ECKeyGenerator(Curve.P_256).keyID("nimbus-1").generate();
        JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("nimbus-1")
                .type(new JOSEObjectType(TYP)).build(), new Payload(PAYLOAD));
        jws.sign(new ECDSASigner(nimbusKey));
        JwkSet keys = JwkSet.parse("{\"keys\":[" + nimbusKey.toPublicJWK().toJSONString() + "]}");

        // when
        VerifiedJws compact = VERIFIER.verify(jws.serialize(), keys);
        VerifiedJws detached = VERIFIER.verifyDetached(jws.serialize(true), PAYLOAD, keys);

        // then
        assertArrayEquals(PAYLOAD, compact.payload());
        assertArrayEquals(PAYLOAD, detached.payload());
        assertEquals("nimbus-1", compact.key().kid());
    }

    @Test
    void ourEdDsaJwsIsReadByNimbusAndVerifiedByTheJdk() throws Exception {
        // given our key, its public part read by nimbus as an OKP JWK and by the JDK as X.509
        Jwk key = Jwk.generate(SignatureProfile.EDDSA);
        OctetKeyPair nimbusKey = OctetKeyPair.parse(key.toJson().toString());
        PublicKey jdkKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(KeyPem.publicKeyDer(key)));

        // when nimbus takes our JWS apart
        JWSObject jws = JWSObject.parse(JwsSigner.sign(key, TYP, PAYLOAD));
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkKey);
        verifier.update(jws.getSigningInput());

        // then
        assertEquals(JWSAlgorithm.EdDSA, jws.getHeader().getAlgorithm());
        assertEquals(Curve.Ed25519, nimbusKey.getCurve());
        assertTrue(verifier.verify(jws.getSignature().decode()));
    }

    @Test
    void jdkSignedEdDsaJwsBuiltByNimbusVerifiesWithOurs() throws Exception {
        // given a JDK Ed25519 key published as a nimbus OKP JWK
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        String jwk = new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(raw)).keyID("jdk-1").build()
                .toJSONString();
        JWSObject unsigned = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("jdk-1")
                .type(new JOSEObjectType(TYP)).build(), new Payload(PAYLOAD));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.getSigningInput());
        String compact = new String(unsigned.getSigningInput(), StandardCharsets.US_ASCII) + "."
                + Base64URL.encode(signer.sign());

        // when
        VerifiedJws verified = VERIFIER.verify(compact, new JwkSet(List.of(Jwk.parse(jwk))));

        // then
        assertArrayEquals(PAYLOAD, verified.payload());
        assertEquals("jdk-1", verified.key().kid());
    }
}
