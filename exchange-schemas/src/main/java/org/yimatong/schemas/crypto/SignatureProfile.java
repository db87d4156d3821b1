package org.yimatong.schemas.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.util.Strings;

/**
 * The three signature profiles of DESIGN.md §4, each with its JOSE {@code alg} name. Signatures are in JWS
 * form: raw {@code r||s} (64 bytes) for SM2 and ES256, the 64-byte RFC 8032 signature for EdDSA.
 *
 * <p>Everything goes through Bouncy Castle's lightweight API with the optimised custom curves, because the
 * JDK provider is several times slower (DESIGN.md §11). Every call builds its own signer object, so one key
 * can be used from any number of threads; verification never throws, a malformed signature is simply false.
 */
public enum SignatureProfile {

    /** SM3withSM2 on sm2p256v1, signer id {@link #SM2_DEFAULT_ID} (GB/T 32918, GM/T 0009). */
    SM2("SM2", "SM2", GMObjectIdentifiers.sm2p256v1) {
        @Override
        byte[] doSign(AsymmetricKeyParameter key, byte[] data) throws CryptoException {
            return Sm2Signatures.sign((ECPrivateKeyParameters) key, SM2_ID_BYTES, data, RANDOM);
        }

        @Override
        boolean doVerify(AsymmetricKeyParameter key, byte[] data, byte[] signature) {
            return Sm2Signatures.verify((ECPublicKeyParameters) key, SM2_ID_BYTES, data, signature);
        }
    },

    /** ECDSA on P-256 with SHA-256 (RFC 7518 §3.4), deterministic nonces (RFC 6979). */
    ES256("ES256", "P-256", SECObjectIdentifiers.secp256r1) {
        @Override
        byte[] doSign(AsymmetricKeyParameter key, byte[] data) {
            ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            signer.init(true, key);
            BigInteger[] rs = signer.generateSignature(sha256(data));
            return PlainDSAEncoding.INSTANCE.encode(domain().getN(), rs[0], rs[1]);
        }

        @Override
        boolean doVerify(AsymmetricKeyParameter key, byte[] data, byte[] signature) {
            BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(domain().getN(), signature);
            ECDSASigner signer = new ECDSASigner();
            signer.init(false, key);
            return signer.verifySignature(sha256(data), rs[0], rs[1]);
        }
    },

    /** Ed25519 (RFC 8032, RFC 8037). Signatures are deterministic. */
    EDDSA("EdDSA", "Ed25519", null) {
        @Override
        byte[] doSign(AsymmetricKeyParameter key, byte[] data) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(true, key);
            signer.update(data, 0, data.length);
            return signer.generateSignature();
        }

        @Override
        boolean doVerify(AsymmetricKeyParameter key, byte[] data, byte[] signature) {
            Ed25519Signer signer = new Ed25519Signer();
            signer.init(false, key);
            signer.update(data, 0, data.length);
            return signer.verifySignature(signature);
        }
    };

    /** The default SM2 signer id of GM/T 0009, used by every SM2 signature of the federation. */
    public static final String SM2_DEFAULT_ID = "1234567812345678";

    /** Length in bytes of a JWS signature in every profile. */
    public static final int SIGNATURE_LENGTH = 64;

    private static final byte[] SM2_ID_BYTES = Strings.toByteArray(SM2_DEFAULT_ID);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String joseName;
    private final String curveName;
    private final ECNamedDomainParameters domain;

    SignatureProfile(String joseName, String curveName, ASN1ObjectIdentifier curveOid) {
        this.joseName = joseName;
        this.curveName = curveName;
        this.domain = curveOid == null ? null
                : new ECNamedDomainParameters(curveOid, CustomNamedCurves.getByOID(curveOid));
    }

    abstract byte[] doSign(AsymmetricKeyParameter key, byte[] data) throws CryptoException;

    abstract boolean doVerify(AsymmetricKeyParameter key, byte[] data, byte[] signature);

    /** The JWS {@code alg} value. */
    public String joseName() {
        return joseName;
    }

    /** The JWK {@code crv} value. */
    public String curveName() {
        return curveName;
    }

    /** True for the profiles whose JWK is {@code kty: EC} (SM2, ES256). */
    public boolean isEc() {
        return domain != null;
    }

    /** The named curve of an EC profile; {@code null} for EdDSA. */
    public ECNamedDomainParameters domain() {
        return domain;
    }

    /** The profile whose JWS {@code alg} is exactly {@code alg}. */
    public static Optional<SignatureProfile> fromJoseName(String alg) {
        for (SignatureProfile p : values()) {
            if (p.joseName.equals(alg)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public AsymmetricCipherKeyPair generateKeyPair() {
        return generateKeyPair(RANDOM);
    }

    public AsymmetricCipherKeyPair generateKeyPair(SecureRandom random) {
        if (this == EDDSA) {
            Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
            generator.init(new Ed25519KeyGenerationParameters(random));
            return generator.generateKeyPair();
        }
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(domain, random));
        return generator.generateKeyPair();
    }

    /**
     * Signs {@code data} (the whole message: each profile hashes it itself).
     *
     * @throws IllegalArgumentException if {@code privateKey} does not belong to this profile
     */
    public byte[] sign(AsymmetricKeyParameter privateKey, byte[] data) {
        if (!privateKey.isPrivate() || !matches(privateKey)) {
            throw new IllegalArgumentException("not a " + joseName + " private key");
        }
        try {
            return doSign(privateKey, data);
        } catch (CryptoException e) {
            throw new IllegalStateException(joseName + " signing failed", e);
        }
    }

    /**
     * Verifies a JWS-form signature. Returns false, never throws, for a signature of the wrong length, with
     * {@code r} or {@code s} out of range, or made by another key; also false if {@code publicKey} is not a
     * public key of this profile.
     */
    public boolean verify(AsymmetricKeyParameter publicKey, byte[] data, byte[] signature) {
        if (signature == null || signature.length != SIGNATURE_LENGTH || publicKey.isPrivate()
                || !matches(publicKey)) {
            return false;
        }
        try {
            return doVerify(publicKey, data, signature);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * The DER form ({@code SEQUENCE {r, s}}, as OpenSSL and X.509 use it) of a raw {@code r||s} signature of
     * an EC profile.
     *
     * @throws IllegalArgumentException for EdDSA, a wrong length, or {@code r}, {@code s} out of range
     */
    public byte[] toDer(byte[] rawSignature) {
        requireEc();
        BigInteger[] rs = PlainDSAEncoding.INSTANCE.decode(domain.getN(), rawSignature);
        try {
            return StandardDSAEncoding.INSTANCE.encode(domain.getN(), rs[0], rs[1]);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot DER-encode signature", e);
        }
    }

    /**
     * The raw {@code r||s} form of a DER-encoded signature of an EC profile.
     *
     * @throws IllegalArgumentException for EdDSA, malformed DER, or {@code r}, {@code s} out of range
     */
    public byte[] fromDer(byte[] derSignature) {
        requireEc();
        try {
            BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(domain.getN(), derSignature);
            return PlainDSAEncoding.INSTANCE.encode(domain.getN(), rs[0], rs[1]);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed DER signature", e);
        }
    }

    private void requireEc() {
        if (!isEc()) {
            throw new IllegalArgumentException(joseName + " signatures have no DER form");
        }
    }

    /** True if {@code key} (public or private) is a key of this profile's curve. */
    public boolean matches(AsymmetricKeyParameter key) {
        if (this == EDDSA) {
            return key instanceof Ed25519PublicKeyParameters || key instanceof Ed25519PrivateKeyParameters;
        }
        if (key instanceof ECPublicKeyParameters pub) {
            return pub.getParameters().getCurve().equals(domain.getCurve());
        }
        if (key instanceof ECPrivateKeyParameters priv) {
            return priv.getParameters().getCurve().equals(domain.getCurve());
        }
        return false;
    }

    private static byte[] sha256(byte[] data) {
        Digest d = new SHA256Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }
}
