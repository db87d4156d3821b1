package org.yimatong.schemas.crypto;

import java.security.SecureRandom;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * SM3withSM2 with an explicit signer id and domain, for the published GM/T 0003.5 examples (which use their
 * own curve and id). Production code goes through {@link SignatureProfile#SM2}.
 */
final class Sm2Signatures {

    private Sm2Signatures() {
    }

    static byte[] sign(ECPrivateKeyParameters key, byte[] id, byte[] data, SecureRandom random) throws CryptoException {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE);
        signer.init(true, new ParametersWithID(new ParametersWithRandom(key, random), id));
        signer.update(data, 0, data.length);
        return signer.generateSignature();
    }

    static boolean verify(ECPublicKeyParameters key, byte[] id, byte[] data, byte[] rawSignature) {
        SM2Signer signer = new SM2Signer(PlainDSAEncoding.INSTANCE);
        signer.init(false, new ParametersWithID(key, id));
        signer.update(data, 0, data.length);
        return signer.verifySignature(rawSignature);
    }
}
