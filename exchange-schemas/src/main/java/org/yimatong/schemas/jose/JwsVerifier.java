package org.yimatong.schemas.jose;

import java.util.Optional;
import java.util.Set;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Verifies compact and detached JWS against an allow-list of profiles, an expected {@code typ} and a
 * {@link KeyResolver}. Immutable and thread-safe.
 *
 * <p>Checks, in order, each with its own problem type: structure, base64url and header JSON
 * ({@code CODE_MALFORMED}); {@code alg: none} ({@code ALGORITHM_NOT_ALLOWED}); {@code crit}, which no
 * extension of ours uses ({@code CODE_MALFORMED}); {@code typ} ({@code CODE_WRONG_TYPE}); an HMAC
 * {@code alg} whose {@code kid} names one of the signer's public keys, the classic key-confusion attack
 * ({@code ALGORITHM_KEY_MISMATCH}); any other {@code alg} outside the allow-list
 * ({@code ALGORITHM_NOT_ALLOWED}); {@code kid} missing ({@code CODE_MALFORMED}) or unknown
 * ({@code UNKNOWN_KEY}); a key of another profile than {@code alg} ({@code ALGORITHM_KEY_MISMATCH}); the
 * signature ({@code SIGNATURE_INVALID}).
 */
public final class JwsVerifier {

    private final Set<SignatureProfile> allowed;
    private final String expectedTyp;

    /**
     * @param allowed the profiles accepted; anything else is refused
     * @param expectedTyp the required {@code typ} (compared as RFC 7515 §4.1.9 says: case-insensitive, an
     *     {@code application/} prefix optional), or {@code null} to accept any {@code typ}
     */
    public JwsVerifier(Set<SignatureProfile> allowed, String expectedTyp) {
        this.allowed = Set.copyOf(allowed);
        this.expectedTyp = expectedTyp;
    }

    /** Verifies a compact JWS and returns its payload. */
    public VerifiedJws verify(String jws, KeyResolver keys) {
        return verify(ParsedJws.parseCompact(jws), keys);
    }

    /** Verifies a detached JWS ({@code header..signature}) over {@code payload}. */
    public VerifiedJws verifyDetached(String jws, byte[] payload, KeyResolver keys) {
        return verify(ParsedJws.parseDetached(jws, payload), keys);
    }

    /** Verifies a JWS already taken apart, e.g. after routing on its unverified content. */
    public VerifiedJws verify(ParsedJws jws, KeyResolver keys) {
        JwsHeader header = jws.header();
        String alg = header.alg();
        if (alg == null) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "JWS header has no alg");
        }
        if (alg.equalsIgnoreCase("none")) {
            throw new JoseException(ProblemType.ALGORITHM_NOT_ALLOWED, "unsigned JWS (alg none) refused");
        }
        if (header.json().has("crit")) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "JWS has critical header parameters we do not "
                    + "understand: " + header.json().get("crit"));
        }
        if (expectedTyp != null && !header.typIs(expectedTyp)) {
            throw new JoseException(ProblemType.CODE_WRONG_TYPE,
                    "expected typ " + expectedTyp + ", got " + header.typ());
        }
        Optional<SignatureProfile> profile = SignatureProfile.fromJoseName(alg);
        if (profile.isEmpty() || !allowed.contains(profile.get())) {
            if (alg.startsWith("HS") && header.kid() != null && keys.resolve(header.kid()).isPresent()) {
                throw new JoseException(ProblemType.ALGORITHM_KEY_MISMATCH,
                        "HMAC algorithm " + alg + " presented with public key " + header.kid());
            }
            throw new JoseException(ProblemType.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " not allowed");
        }
        if (header.kid() == null) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "JWS header has no kid");
        }
        Jwk key = keys.resolve(header.kid())
                .orElseThrow(() -> new JoseException(ProblemType.UNKNOWN_KEY, "unknown kid " + header.kid()));
        if (key.profile() != profile.get()) {
            throw new JoseException(ProblemType.ALGORITHM_KEY_MISMATCH,
                    "alg " + alg + " does not match " + key.profile().joseName() + " key " + key.kid());
        }
        if (!key.verify(jws.signingInput(), jws.signature())) {
            throw new JoseException(ProblemType.SIGNATURE_INVALID, "signature does not verify with key " + key.kid());
        }
        return new VerifiedJws(header, jws.payload(), key);
    }
}
