package org.yimatong.schemas.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Keys as X.509 SubjectPublicKeyInfo and PKCS#8 (DER, or PEM {@code PUBLIC KEY} / {@code PRIVATE KEY}), the
 * forms OpenSSL and HSM tooling exchange. EC keys carry their named curve ({@code sm2p256v1},
 * {@code prime256v1}), so OpenSSL 3 reads an SM2 key as SM2.
 */
public final class KeyPem {

    private static final String PUBLIC_KEY = "PUBLIC KEY";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private KeyPem() {
    }

    /** SubjectPublicKeyInfo, DER. */
    public static byte[] publicKeyDer(Jwk key) {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(key.publicKey()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode public key", e);
        }
    }

    /**
     * PKCS#8 PrivateKeyInfo, DER.
     *
     * @throws IllegalStateException if {@code key} has no private part
     */
    public static byte[] privateKeyDer(Jwk key) {
        if (!key.hasPrivateKey()) {
            throw new IllegalStateException("JWK " + key.kid() + " has no private key");
        }
        try {
            return PrivateKeyInfoFactory.createPrivateKeyInfo(key.privateKey()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode private key", e);
        }
    }

    public static String publicKeyPem(Jwk key) {
        return pem(PUBLIC_KEY, publicKeyDer(key));
    }

    public static String privateKeyPem(Jwk key) {
        return pem(PRIVATE_KEY, privateKeyDer(key));
    }

    /**
     * Reads a {@code PUBLIC KEY} or {@code PRIVATE KEY} PEM block of one of our profiles; the {@code kid} is the
     * thumbprint.
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} for anything else
     */
    public static Jwk parsePem(String pem) {
        PemObject object;
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            object = reader.readPemObject();
        } catch (IOException | RuntimeException e) {
            throw invalid("malformed PEM", e);
        }
        if (object == null) {
            throw invalid("no PEM block found", null);
        }
        try {
            return switch (object.getType()) {
                case PUBLIC_KEY -> fromPublic(PublicKeyFactory.createKey(object.getContent()));
                case PRIVATE_KEY -> fromPrivate(PrivateKeyFactory.createKey(object.getContent()));
                default -> throw invalid("unsupported PEM type " + object.getType(), null);
            };
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException p) {
                throw p;
            }
            throw invalid("unsupported or malformed key", e);
        }
    }

    private static Jwk fromPublic(AsymmetricKeyParameter key) {
        if (key instanceof Ed25519PublicKeyParameters) {
            return Jwk.fromPublicKey(SignatureProfile.EDDSA, key);
        }
        if (key instanceof ECPublicKeyParameters ec) {
            SignatureProfile profile = ecProfile(ec.getParameters());
            ECDomainParameters domain = profile.domain();
            return Jwk.fromPublicKey(profile,
                    new ECPublicKeyParameters(domain.getCurve().importPoint(ec.getQ()), domain));
        }
        throw invalid("unsupported key algorithm", null);
    }

    private static Jwk fromPrivate(AsymmetricKeyParameter key) {
        if (key instanceof Ed25519PrivateKeyParameters ed) {
            return Jwk.fromKeyPair(SignatureProfile.EDDSA, new AsymmetricCipherKeyPair(ed.generatePublicKey(), ed));
        }
        if (key instanceof ECPrivateKeyParameters ec) {
            SignatureProfile profile = ecProfile(ec.getParameters());
            ECDomainParameters domain = profile.domain();
            ECPrivateKeyParameters priv = new ECPrivateKeyParameters(ec.getD(), domain);
            ECPublicKeyParameters pub = new ECPublicKeyParameters(domain.getG().multiply(ec.getD()).normalize(),
                    domain);
            return Jwk.fromKeyPair(profile, new AsymmetricCipherKeyPair(pub, priv));
        }
        throw invalid("unsupported key algorithm", null);
    }

    private static SignatureProfile ecProfile(ECDomainParameters parameters) {
        for (SignatureProfile p : SignatureProfile.values()) {
            if (p.isEc() && p.domain().getCurve().equals(parameters.getCurve())
                    && p.domain().getG().equals(parameters.getG())) {
                return p;
            }
        }
        throw invalid("unsupported EC curve", null);
    }

    private static String pem(String type, byte[] der) {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }

    private static ProblemException invalid(String detail, Throwable cause) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid key: " + detail, cause);
    }
}
