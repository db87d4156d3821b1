package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.util.encoders.Hex;
import org.bouncycastle.util.test.TestRandomBigInteger;
import org.junit.jupiter.api.Test;

/**
 * The signature example of GM/T 0003.5 (GB/T 32918) over its 256-bit prime test curve, signer id
 * {@code ALICE123@YAHOO.COM}, message {@code "message digest"} (also Bouncy Castle's {@code SM2SignerTest}).
 * It pins the Z value, the SM3 pre-hash and the raw {@code r||s} layout that the SM2 profile relies on.
 */
class Sm2StandardVectorTest {

    private static final ECDomainParameters TEST_CURVE = testCurve();
    private static final BigInteger D = new BigInteger(
            "128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263", 16);
    private static final String K = "6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F";
    private static final byte[] ID = "ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message digest".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXPECTED_R_S = Hex.decode(
            "40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1"
                    + "6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7");

    @Test
    void signingWithTheStandardNonceGivesTheStandardSignature() throws Exception {
        // given the example's private key and nonce k
        ECPrivateKeyParameters key = new ECPrivateKeyParameters(D, TEST_CURVE);

        // when
        byte[] signature = Sm2Signatures.sign(key, ID, MESSAGE, new TestRandomBigInteger(K, 16));

        // then
        assertArrayEquals(EXPECTED_R_S, signature);
    }

    @Test
    void theStandardSignatureVerifiesAndAnAlteredOneDoesNot() {
        // given the example's public key
        ECPublicKeyParameters key = new ECPublicKeyParameters(TEST_CURVE.getG().multiply(D).normalize(), TEST_CURVE);
        byte[] altered = EXPECTED_R_S.clone();
        altered[63] ^= 1;

        // when / then
        assertTrue(Sm2Signatures.verify(key, ID, MESSAGE, EXPECTED_R_S));
        assertFalse(Sm2Signatures.verify(key, ID, MESSAGE, altered));
        assertFalse(Sm2Signatures.verify(key, "1234567812345678".getBytes(StandardCharsets.US_ASCII), MESSAGE,
                EXPECTED_R_S));
    }

    private static ECDomainParameters testCurve() {
        BigInteger p = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DE457283915C45517D722EDB8B08F1DFC3", 16);
        BigInteger a = new BigInteger("787968B4FA32C3FD2417842E73BBFEFF2F3C848B6831D7E0EC65228B3937E498", 16);
        BigInteger b = new BigInteger("63E4C6D3B23B0C849CF84241484BFE48F61D59A5B16BA06E6E12D1DA27C5249A", 16);
        BigInteger n = new BigInteger("8542D69E4C044F18E8B92435BF6FF7DD297720630485628D5AE74EE7C32E79B7", 16);
        BigInteger gx = new BigInteger("421DEBD61B62EAB6746434EBC3CC315E32220B3BADD50BDC4C4E6C147FEDD43D", 16);
        BigInteger gy = new BigInteger("0680512BCBB42C07D47349D2153B70C4E5D7FDFCBFA36EA1A85841B9E46E09A2", 16);
        ECCurve curve = new ECCurve.Fp(p, a, b, n, BigInteger.ONE);
        return new ECDomainParameters(curve, curve.createPoint(gx, gy), n);
    }
}
