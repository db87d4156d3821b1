package org.yimatong.schemas.code;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.yimatong.schemas.canonical.StrictJson;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.KeyResolver;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsSigner;
import org.yimatong.schemas.jose.JwsVerifier;
import org.yimatong.schemas.jose.ParsedJws;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Makes, parses and verifies dynamic codes (DESIGN.md §5, REQ-CODE-1): a compact JWS with header
 * {@code {"typ":"ymt-code+jwt","alg":..,"kid":..}} over {@link CodeClaims}.
 *
 * <p>{@link #verify} checks, each refusal with its own problem type: the JWS rules of {@link JwsVerifier}
 * (typ, alg, kid, signature), then the claims ({@code CODE_MALFORMED} with field errors), the lifetime
 * ({@code exp - iat} beyond the issuer's {@code codePolicy}, 60 s unless it says otherwise:
 * {@code CODE_LIFETIME_TOO_LONG}), {@code iat > now + skew} ({@code CODE_NOT_YET_VALID}) and
 * {@code exp + skew < now} ({@code CODE_EXPIRED}). A venue code ({@link VenueCodeCodec#TYP}) is refused as
 * {@code NOT_A_DYNAMIC_CODE} before anything else, so a checkpoint can tell its user to scan it as a venue;
 * any other {@code typ} is {@code CODE_WRONG_TYPE}. Immutable and thread-safe.
 */
public final class DynamicCodeCodec {

    /** The {@code typ} of a dynamic code. */
    public static final String TYP = "ymt-code+jwt";
    /**
     * Longest allowed {@code exp - iat} of an issuer without a {@code codePolicy}, as Suishenma's one-minute codes.
     */
    public static final Duration MAX_LIFETIME = Duration.ofSeconds(60);
    /**
     * Longest {@code exp - iat} any issuer's policy may allow (REQ-CODE-3): Gansu's code is valid for a day. Such a
     * code is never answered from its own signed colour, only live by its issuer.
     */
    public static final Duration LONGEST_LIFETIME = Duration.ofHours(24);
    /** Longest compact code accepted, as {@code verification-request.json} bounds {@code code}. */
    public static final int MAX_LENGTH = 4096;
    /** Default accepted clock skew between issuer and verifier. */
    public static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration skew;
    private final JwsVerifier verifier;

    /** The system UTC clock, a 30 s skew, all three profiles. */
    public DynamicCodeCodec() {
        this(Clock.systemUTC(), DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));
    }

    /**
     * @param clock the time {@link #verify(String, KeyResolver)} checks against
     * @param skew accepted clock difference to the issuer, applied to both {@code iat} and {@code exp}
     * @param allowed the profiles accepted from issuers
     */
    public DynamicCodeCodec(Clock clock, Duration skew, Set<SignatureProfile> allowed) {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative");
        }
        this.clock = clock;
        this.skew = skew;
        this.verifier = new JwsVerifier(allowed, TYP);
    }

    /** A fresh code id: 128 bits from {@link SecureRandom}, base64url (22 characters). */
    public static String newJti() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64Url.encode(bytes);
    }

    /**
     * Signs {@code claims} as a code.
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} if the claims are not well formed or
     *     live longer than {@link #MAX_LIFETIME}: an issuer never hands out a code verifiers would refuse
     * @throws IllegalStateException if {@code signingKey} has no private part
     */
    public String encode(CodeClaims claims, Jwk signingKey) {
        return encode(claims, signingKey, MAX_LIFETIME);
    }

    /**
     * Signs {@code claims} as a code of an issuer whose {@code codePolicy} allows {@code maxLifetime}.
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} as {@link #encode(CodeClaims, Jwk)}, against
     *     {@code maxLifetime}
     * @throws IllegalArgumentException if {@code maxLifetime} is not between 1 s and {@link #LONGEST_LIFETIME}
     */
    public String encode(CodeClaims claims, Jwk signingKey, Duration maxLifetime) {
        requirePolicy(maxLifetime);
        List<FieldError> errors = claims.validate();
        if (errors.isEmpty() && Duration.between(claims.iat(), claims.exp()).compareTo(maxLifetime) > 0) {
            errors = List.of(new FieldError("/exp", "at most " + maxLifetime.toSeconds() + " s after iat"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Code claims are not valid", errors);
        }
        try {
            return JwsSigner.sign(signingKey, TYP, StrictJson.mapper().writeValueAsBytes(claims.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write code claims", e);
        }
    }

    /** A code taken apart once: its JWS and its (not yet trusted) claims. */
    public record DecodedCode(ParsedJws jws, CodeClaims claims) {

        /** The {@code kid} of the issuer's key, or {@code null}. */
        public String kid() {
            return jws.header().kid();
        }
    }

    /**
     * Reads a code WITHOUT verifying it, to find its issuer for routing. Never trust the result otherwise.
     *
     * @throws JoseException {@code CODE_MALFORMED}, {@code NOT_A_DYNAMIC_CODE} or {@code CODE_WRONG_TYPE}
     */
    public CodeClaims decode(String code) {
        return parse(code).claims();
    }

    /**
     * Takes a code apart WITHOUT verifying it; {@link #verify(DecodedCode, KeyResolver, Instant)} then checks it
     * without parsing it again.
     *
     * @throws JoseException {@code CODE_MALFORMED}, {@code NOT_A_DYNAMIC_CODE} or {@code CODE_WRONG_TYPE}
     */
    public DecodedCode parse(String code) {
        ParsedJws jws = parseCompact(code);
        if (!jws.header().typIs(TYP)) {
            throw new JoseException(ProblemType.CODE_WRONG_TYPE,
                    "expected typ " + TYP + ", got " + jws.header().typ());
        }
        return new DecodedCode(jws, claims(jws.payload()));
    }

    /** Verifies a code at the injected clock's time and returns its claims. */
    public CodeClaims verify(String code, KeyResolver keys) {
        return verify(code, keys, clock.instant());
    }

    /**
     * Verifies a code at {@code now} and returns its claims.
     *
     * @throws JoseException with the problem type of the first check that fails (see the class comment)
     */
    public CodeClaims verify(String code, KeyResolver keys, Instant now) {
        return verify(code, keys, now, MAX_LIFETIME);
    }

    /**
     * Verifies a code of an issuer whose {@code codePolicy} allows {@code maxLifetime} at {@code now}.
     *
     * @throws JoseException with the problem type of the first check that fails (see the class comment)
     * @throws IllegalArgumentException if {@code maxLifetime} is not between 1 s and {@link #LONGEST_LIFETIME}
     */
    public CodeClaims verify(String code, KeyResolver keys, Instant now, Duration maxLifetime) {
        requirePolicy(maxLifetime);
        CodeClaims claims = claims(verifier.verify(parseCompact(code), keys).payload());
        checkTimes(claims, now, maxLifetime);
        return claims;
    }

    /** Verifies a code already taken apart by {@link #parse(String)}: the signature, then the times. */
    public CodeClaims verify(DecodedCode code, KeyResolver keys, Instant now) {
        return verify(code, keys, now, MAX_LIFETIME);
    }

    /** As {@link #verify(DecodedCode, KeyResolver, Instant)} for an issuer whose policy allows {@code maxLifetime}. */
    public CodeClaims verify(DecodedCode code, KeyResolver keys, Instant now, Duration maxLifetime) {
        requirePolicy(maxLifetime);
        verifier.verify(code.jws(), keys);
        checkTimes(code.claims(), now, maxLifetime);
        return code.claims();
    }

    /**
     * The checks that need no key: lifetime at most {@link #MAX_LIFETIME}, not issued in the future, not expired
     * (both with this codec's skew). A hub forwarding a code it cannot verify still makes them.
     *
     * @throws JoseException {@code CODE_LIFETIME_TOO_LONG}, {@code CODE_NOT_YET_VALID} or {@code CODE_EXPIRED}
     */
    public void checkTimes(CodeClaims claims, Instant now) {
        checkTimes(claims, now, MAX_LIFETIME);
    }

    /**
     * As {@link #checkTimes(CodeClaims, Instant)} for an issuer whose {@code codePolicy} allows {@code maxLifetime}.
     *
     * @throws IllegalArgumentException if {@code maxLifetime} is not between 1 s and {@link #LONGEST_LIFETIME}
     */
    public void checkTimes(CodeClaims claims, Instant now, Duration maxLifetime) {
        requirePolicy(maxLifetime);
        if (Duration.between(claims.iat(), claims.exp()).compareTo(maxLifetime) > 0) {
            throw new JoseException(ProblemType.CODE_LIFETIME_TOO_LONG,
                    "code lives " + Duration.between(claims.iat(), claims.exp()).toSeconds() + " s, at most "
                            + maxLifetime.toSeconds() + " s allowed by its issuer");
        }
        if (claims.iat().isAfter(now.plus(skew))) {
            throw new JoseException(ProblemType.CODE_NOT_YET_VALID, "code issued at " + claims.iat()
                    + ", after " + now + " plus skew " + skew.toSeconds() + " s");
        }
        if (claims.exp().plus(skew).isBefore(now)) {
            throw new JoseException(ProblemType.CODE_EXPIRED, "code expired at " + claims.exp());
        }
    }

    /**
     * The JWS of a string that claims to be a dynamic code: bounded in length, and not a venue code, which gets its
     * own refusal so the hub can say "scan this as a venue".
     */
    private static ParsedJws parseCompact(String code) {
        if (code != null && code.length() > MAX_LENGTH) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "a code has at most " + MAX_LENGTH + " characters");
        }
        ParsedJws jws = ParsedJws.parseCompact(code);
        if (jws.header().typIs(VenueCodeCodec.TYP)) {
            throw new JoseException(ProblemType.NOT_A_DYNAMIC_CODE,
                    "a venue code (typ " + VenueCodeCodec.TYP + "), not a dynamic code: scan it as a venue");
        }
        return jws;
    }

    private static void requirePolicy(Duration maxLifetime) {
        if (maxLifetime.compareTo(Duration.ofSeconds(1)) < 0 || maxLifetime.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IllegalArgumentException("a code policy allows 1 s to " + LONGEST_LIFETIME.toHours() + " h");
        }
    }

    private static CodeClaims claims(byte[] payload) {
        JsonNode node = ClaimReader.object(payload, "code");
        List<FieldError> errors = new ArrayList<>();
        CodeClaims claims = CodeClaims.fromJson(node, errors);
        Set<String> reported = errors.stream().map(FieldError::pointer).collect(Collectors.toSet());
        claims.validate().stream().filter(e -> !reported.contains(e.pointer())).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "code claims are not valid", errors);
        }
        return claims;
    }
}
