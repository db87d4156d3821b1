package org.yimatong.schemas.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.bouncycastle.util.BigIntegers;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A signing key of one {@link SignatureProfile} in JWK form (RFC 7517, RFC 7518 §6.2, RFC 8037): SM2 as
 * {@code {"kty":"EC","crv":"SM2",..}}, ES256 as {@code {"kty":"EC","crv":"P-256",..}}, EdDSA as
 * {@code {"kty":"OKP","crv":"Ed25519",..}}, coordinates always 32 bytes.
 *
 * <p>Immutable and thread-safe. Importing checks everything a verifier relies on: the point is on the curve
 * (and in the prime-order subgroup), a private part matches the public one, {@code alg} and {@code use} agree.
 * {@code kid} defaults to the RFC 7638 thumbprint. Jackson serialises only the public part, so a private key
 * cannot leak into a key set by accident; {@link #toPrivateJson()} is the explicit way out.
 *
 * <p>{@code exp} (NumericDate, optional) is the Yimatong extension of {@code jwks.json}: the instant after which
 * the key no longer verifies (REQ-KEY-1). It is carried, not enforced here: whoever resolves keys with a clock
 * decides (see {@link #isExpiredAt(Instant)}).
 */
public final class Jwk {

    private static final int COORDINATE_LENGTH = 32;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final SignatureProfile profile;
    private final AsymmetricKeyParameter publicKey;
    private final AsymmetricKeyParameter privateKey;
    private final String kid;
    private final Instant expiresAt;

    private Jwk(SignatureProfile profile, AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey,
            String kid, Instant expiresAt) {
        this.profile = profile;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.kid = kid != null ? kid : thumbprint(profile, publicKey);
        this.expiresAt = expiresAt;
    }

    /** A fresh key pair with the thumbprint as {@code kid}. */
    public static Jwk generate(SignatureProfile profile) {
        return fromKeyPair(profile, profile.generateKeyPair());
    }

    /** Wraps a key pair of {@code profile}, with the thumbprint as {@code kid}. */
    public static Jwk fromKeyPair(SignatureProfile profile, AsymmetricCipherKeyPair pair) {
        requireKey(profile, pair.getPublic(), false);
        requireKey(profile, pair.getPrivate(), true);
        return new Jwk(profile, pair.getPublic(), pair.getPrivate(), null, null);
    }

    /** Wraps a public key of {@code profile}, with the thumbprint as {@code kid}. */
    public static Jwk fromPublicKey(SignatureProfile profile, AsymmetricKeyParameter publicKey) {
        requireKey(profile, publicKey, false);
        return new Jwk(profile, publicKey, null, null, null);
    }

    /** The same key under another {@code kid}. */
    public Jwk withKid(String newKid) {
        if (newKid == null || newKid.isEmpty()) {
            throw new IllegalArgumentException("kid must not be empty");
        }
        return new Jwk(profile, publicKey, privateKey, newKid, expiresAt);
    }

    /**
     * The same key with {@code exp} set (whole seconds; {@code null} removes it).
     *
     * @throws IllegalArgumentException if {@code expiry} is before the epoch
     */
    public Jwk withExpiry(Instant expiry) {
        if (expiry != null && expiry.getEpochSecond() < 0) {
            throw new IllegalArgumentException("exp must not be before 1970");
        }
        return new Jwk(profile, publicKey, privateKey, kid,
                expiry == null ? null : Instant.ofEpochSecond(expiry.getEpochSecond()));
    }

    /** The same key without its private part. */
    public Jwk publicOnly() {
        return privateKey == null ? this : new Jwk(profile, publicKey, null, kid, expiresAt);
    }

    public SignatureProfile profile() {
        return profile;
    }

    public String kid() {
        return kid;
    }

    /** The key's {@code exp}, if it has one. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    /** True if the key has an {@code exp} and {@code instant} is after it. */
    public boolean isExpiredAt(Instant instant) {
        return expiresAt != null && instant.isAfter(expiresAt);
    }

    public AsymmetricKeyParameter publicKey() {
        return publicKey;
    }

    /** The private key, or {@code null} for a public JWK. */
    public AsymmetricKeyParameter privateKey() {
        return privateKey;
    }

    public boolean hasPrivateKey() {
        return privateKey != null;
    }

    /**
     * Signs with this key's profile.
     *
     * @throws IllegalStateException if this JWK has no private part
     */
    public byte[] sign(byte[] data) {
        if (privateKey == null) {
            throw new IllegalStateException("JWK " + kid + " has no private key");
        }
        return profile.sign(privateKey, data);
    }

    /** Verifies a JWS-form signature; false (never an exception) for anything but a good signature. */
    public boolean verify(byte[] data, byte[] signature) {
        return profile.verify(publicKey, data, signature);
    }

    /** The RFC 7638 thumbprint (SHA-256 of the required members in canonical order), base64url. */
    public String thumbprint() {
        return thumbprint(profile, publicKey);
    }

    /** The public JWK: {@code kty, crv, x, [y,] kid, alg, use[, exp]}. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode node = JSON.objectNode();
        node.put("kty", profile.isEc() ? "EC" : "OKP");
        node.put("crv", profile.curveName());
        byte[][] xy = coordinates(profile, publicKey);
        node.put("x", Base64Url.encode(xy[0]));
        if (profile.isEc()) {
            node.put("y", Base64Url.encode(xy[1]));
        }
        node.put("kid", kid);
        node.put("alg", profile.joseName());
        node.put("use", "sig");
        if (expiresAt != null) {
            node.put("exp", expiresAt.getEpochSecond());
        }
        return node;
    }

    /**
     * The JWK with its private part {@code d}, for storing one's own key.
     *
     * @throws IllegalStateException if this JWK has no private part
     */
    public ObjectNode toPrivateJson() {
        if (privateKey == null) {
            throw new IllegalStateException("JWK " + kid + " has no private key");
        }
        ObjectNode node = toJson();
        byte[] d = privateKey instanceof ECPrivateKeyParameters ec
                ? BigIntegers.asUnsignedByteArray(COORDINATE_LENGTH, ec.getD())
                : ((Ed25519PrivateKeyParameters) privateKey).getEncoded();
        node.put("d", Base64Url.encode(d));
        return node;
    }

    /**
     * Imports a JWK (public, or with {@code d}).
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} with one field error per fault
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Jwk parse(JsonNode node) {
        return parse(node, "");
    }

    static Jwk parse(JsonNode node, String pointer) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            throw invalid(List.of(new FieldError(pointer.isEmpty() ? "/" : pointer, "a JWK must be a JSON object")));
        }
        String kty = text(node, "kty", pointer, errors, true);
        String crv = text(node, "crv", pointer, errors, true);
        String kid = text(node, "kid", pointer, errors, false);
        String alg = text(node, "alg", pointer, errors, false);
        String use = text(node, "use", pointer, errors, false);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        SignatureProfile profile = profileOf(kty, crv);
        if (profile == null) {
            throw invalid(List.of(new FieldError(pointer + "/crv", "unsupported key type " + kty + "/" + crv)));
        }
        if (alg != null && !alg.equals(profile.joseName())) {
            errors.add(new FieldError(pointer + "/alg", "alg " + alg + " does not fit curve " + crv));
        }
        if (use != null && !use.equals("sig")) {
            errors.add(new FieldError(pointer + "/use", "only signing keys (use=sig) are accepted"));
        }
        if (kid != null && kid.isEmpty()) {
            errors.add(new FieldError(pointer + "/kid", "kid must not be empty"));
        }
        byte[] x = coordinate(node, "x", pointer, errors, true);
        byte[] y = profile.isEc() ? coordinate(node, "y", pointer, errors, true) : null;
        byte[] d = coordinate(node, "d", pointer, errors, false);
        Instant exp = numericDate(node, "exp", pointer, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        AsymmetricKeyParameter pub = publicKeyOf(profile, x, y, pointer);
        AsymmetricKeyParameter priv = d == null ? null : privateKeyOf(profile, d, pub, pointer);
        return new Jwk(profile, pub, priv, kid, exp);
    }

    /** Parses JWK JSON text; see {@link #parse(JsonNode)}. */
    public static Jwk parse(String json) {
        return parse(JwkSet.readTree(json));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Jwk other)) {
            return false;
        }
        return profile == other.profile && kid.equals(other.kid) && hasPrivateKey() == other.hasPrivateKey()
                && Objects.equals(expiresAt, other.expiresAt)
                && Arrays.deepEquals(coordinates(profile, publicKey), coordinates(other.profile, other.publicKey));
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, kid);
    }

    /** Public part only: never prints {@code d}. */
    @Override
    public String toString() {
        return toJson().toString();
    }

    private static SignatureProfile profileOf(String kty, String crv) {
        for (SignatureProfile p : SignatureProfile.values()) {
            if (p.curveName().equals(crv) && kty.equals(p.isEc() ? "EC" : "OKP")) {
                return p;
            }
        }
        return null;
    }

    private static AsymmetricKeyParameter publicKeyOf(SignatureProfile profile, byte[] x, byte[] y, String pointer) {
        if (!profile.isEc()) {
            if (!Ed25519.validatePublicKeyFull(x, 0)) {
                throw invalid(List.of(new FieldError(pointer + "/x", "not a valid Ed25519 point")));
            }
            return new Ed25519PublicKeyParameters(x, 0);
        }
        try {
            ECDomainParameters domain = profile.domain();
            ECPoint q = domain.getCurve().validatePoint(new BigInteger(1, x), new BigInteger(1, y));
            return new ECPublicKeyParameters(q, domain);
        } catch (IllegalArgumentException e) {
            throw invalid(List.of(new FieldError(pointer + "/x", "point is not on curve " + profile.curveName())));
        }
    }

    private static AsymmetricKeyParameter privateKeyOf(SignatureProfile profile, byte[] d,
            AsymmetricKeyParameter pub, String pointer) {
        AsymmetricKeyParameter priv;
        AsymmetricKeyParameter derived;
        if (profile.isEc()) {
            ECDomainParameters domain = profile.domain();
            BigInteger scalar = new BigInteger(1, d);
            if (scalar.signum() == 0 || scalar.compareTo(domain.getN()) >= 0) {
                throw invalid(List.of(new FieldError(pointer + "/d", "private scalar out of range")));
            }
            priv = new ECPrivateKeyParameters(scalar, domain);
            derived = new ECPublicKeyParameters(domain.getG().multiply(scalar).normalize(), domain);
        } else {
            Ed25519PrivateKeyParameters ed = new Ed25519PrivateKeyParameters(d, 0);
            priv = ed;
            derived = ed.generatePublicKey();
        }
        if (!Arrays.deepEquals(coordinates(profile, derived), coordinates(profile, pub))) {
            throw invalid(List.of(new FieldError(pointer + "/d", "private key does not match x/y")));
        }
        return priv;
    }

    static String thumbprint(SignatureProfile profile, AsymmetricKeyParameter publicKey) {
        byte[][] xy = coordinates(profile, publicKey);
        String x = Base64Url.encode(xy[0]);
        String members = profile.isEc()
                ? "{\"crv\":\"" + profile.curveName() + "\",\"kty\":\"EC\",\"x\":\"" + x + "\",\"y\":\""
                        + Base64Url.encode(xy[1]) + "\"}"
                : "{\"crv\":\"" + profile.curveName() + "\",\"kty\":\"OKP\",\"x\":\"" + x + "\"}";
        byte[] bytes = members.getBytes(StandardCharsets.UTF_8);
        SHA256Digest sha = new SHA256Digest();
        sha.update(bytes, 0, bytes.length);
        byte[] out = new byte[sha.getDigestSize()];
        sha.doFinal(out, 0);
        return Base64Url.encode(out);
    }

    private static byte[][] coordinates(SignatureProfile profile, AsymmetricKeyParameter publicKey) {
        if (profile.isEc()) {
            ECPoint q = ((ECPublicKeyParameters) publicKey).getQ().normalize();
            return new byte[][]{ q.getAffineXCoord().getEncoded(), q.getAffineYCoord().getEncoded() };
        }
        return new byte[][]{ ((Ed25519PublicKeyParameters) publicKey).getEncoded() };
    }

    private static void requireKey(SignatureProfile profile, AsymmetricKeyParameter key, boolean isPrivate) {
        if (key == null || key.isPrivate() != isPrivate || !profile.matches(key)) {
            throw new IllegalArgumentException("not a " + (isPrivate ? "private" : "public") + " key of "
                    + profile.joseName());
        }
    }

    private static String text(JsonNode node, String name, String pointer, List<FieldError> errors,
            boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldError(pointer + "/" + name, "required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(pointer + "/" + name, "must be a string"));
            return null;
        }
        return value.textValue();
    }

    private static Instant numericDate(JsonNode node, String name, String pointer, List<FieldError> errors) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            errors.add(new FieldError(pointer + "/" + name, "must be a NumericDate (non-negative integer)"));
            return null;
        }
        return Instant.ofEpochSecond(value.longValue());
    }

    private static byte[] coordinate(JsonNode node, String name, String pointer, List<FieldError> errors,
            boolean required) {
        String text = text(node, name, pointer, errors, required);
        if (text == null) {
            return null;
        }
        try {
            byte[] bytes = Base64Url.decode(text);
            if (bytes.length == COORDINATE_LENGTH) {
                return bytes;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(new FieldError(pointer + "/" + name, "must be " + COORDINATE_LENGTH + " bytes, base64url"));
        return null;
    }

    private static ProblemException invalid(List<FieldError> errors) {
        return new ProblemException(ProblemType.VALIDATION_FAILED, "Invalid JWK", errors);
    }
}
