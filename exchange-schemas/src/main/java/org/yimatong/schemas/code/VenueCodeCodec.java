package org.yimatong.schemas.code;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.yimatong.schemas.canonical.StrictJson;
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
 * Makes, parses and verifies venue codes (DESIGN.md §5a, REQ-VENUE-1): a compact JWS with header
 * {@code {"typ":"ymt-venue+jwt","alg":..,"kid":..}} over {@link VenueClaims}, signed by the venue's platform.
 *
 * <p>{@link #verify} checks, each refusal with its own problem type: a dynamic code ({@link DynamicCodeCodec#TYP})
 * first, as {@code NOT_A_VENUE_CODE}, so the hub can say "verify this instead"; then the JWS rules of
 * {@link JwsVerifier} (typ, alg, kid, signature); the claims ({@code CODE_MALFORMED} with field errors); the
 * lifetime ({@code exp - iat} over a year: {@code CODE_LIFETIME_TOO_LONG}); {@code iat > now + skew}
 * ({@code CODE_NOT_YET_VALID}) and {@code exp + skew < now} ({@code CODE_EXPIRED}). Immutable and thread-safe.
 */
public final class VenueCodeCodec {

    /** The {@code typ} of a venue code. */
    public static final String TYP = "ymt-venue+jwt";
    /** Longest allowed {@code exp - iat}: a venue's poster is printed once and reissued yearly. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(365);
    /** Longest compact code accepted, as for dynamic codes. */
    public static final int MAX_LENGTH = DynamicCodeCodec.MAX_LENGTH;

    private final Clock clock;
    private final Duration skew;
    private final JwsVerifier verifier;

    /** The system UTC clock, a 30 s skew, all three profiles. */
    public VenueCodeCodec() {
        this(Clock.systemUTC(), DynamicCodeCodec.DEFAULT_SKEW, EnumSet.allOf(SignatureProfile.class));
    }

    /**
     * @param clock the time {@link #verify(String, KeyResolver)} checks against
     * @param skew accepted clock difference to the issuer, applied to both {@code iat} and {@code exp}
     * @param allowed the profiles accepted from issuers
     */
    public VenueCodeCodec(Clock clock, Duration skew, Set<SignatureProfile> allowed) {
        if (skew.isNegative()) {
            throw new IllegalArgumentException("skew must not be negative");
        }
        this.clock = clock;
        this.skew = skew;
        this.verifier = new JwsVerifier(allowed, TYP);
    }

    /**
     * Signs {@code claims} as a venue code.
     *
     * @throws ProblemException {@link ProblemType#VALIDATION_FAILED} if the claims are not well formed or live
     *     longer than {@link #MAX_LIFETIME}: a platform never posts a code verifiers would refuse
     * @throws IllegalStateException if {@code signingKey} has no private part
     */
    public String encode(VenueClaims claims, Jwk signingKey) {
        List<FieldError> errors = claims.validate();
        if (errors.isEmpty() && Duration.between(claims.iat(), claims.exp()).compareTo(MAX_LIFETIME) > 0) {
            errors = List.of(new FieldError("/exp", "at most " + MAX_LIFETIME.toDays() + " days after iat"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "Venue code claims are not valid", errors);
        }
        try {
            return JwsSigner.sign(signingKey, TYP, StrictJson.mapper().writeValueAsBytes(claims.toJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write venue code claims", e);
        }
    }

    /** A venue code taken apart once: its JWS and its (not yet trusted) claims. */
    public record DecodedVenueCode(ParsedJws jws, VenueClaims claims) {

        /** The {@code kid} of the platform's key, or {@code null}. */
        public String kid() {
            return jws.header().kid();
        }
    }

    /**
     * Reads a venue code WITHOUT verifying it, to find its platform for routing. Never trust the result otherwise.
     *
     * @throws JoseException {@code CODE_MALFORMED}, {@code NOT_A_VENUE_CODE} or {@code CODE_WRONG_TYPE}
     */
    public VenueClaims decode(String code) {
        return parse(code).claims();
    }

    /**
     * Takes a venue code apart WITHOUT verifying it; {@link #verify(DecodedVenueCode, KeyResolver, Instant)} then
     * checks it without parsing it again.
     *
     * @throws JoseException {@code CODE_MALFORMED}, {@code NOT_A_VENUE_CODE} or {@code CODE_WRONG_TYPE}
     */
    public DecodedVenueCode parse(String code) {
        ParsedJws jws = parseCompact(code);
        if (!jws.header().typIs(TYP)) {
            throw new JoseException(ProblemType.CODE_WRONG_TYPE, "expected typ " + TYP + ", got " + jws.header().typ());
        }
        return new DecodedVenueCode(jws, claims(jws.payload()));
    }

    /** Verifies a venue code at the injected clock's time and returns its claims. */
    public VenueClaims verify(String code, KeyResolver keys) {
        return verify(code, keys, clock.instant());
    }

    /**
     * Verifies a venue code at {@code now} and returns its claims.
     *
     * @throws JoseException with the problem type of the first check that fails (see the class comment)
     */
    public VenueClaims verify(String code, KeyResolver keys, Instant now) {
        VenueClaims claims = claims(verifier.verify(parseCompact(code), keys).payload());
        checkTimes(claims, now);
        return claims;
    }

    /** Verifies a venue code already taken apart by {@link #parse(String)}: the signature, then the times. */
    public VenueClaims verify(DecodedVenueCode code, KeyResolver keys, Instant now) {
        verifier.verify(code.jws(), keys);
        checkTimes(code.claims(), now);
        return code.claims();
    }

    /**
     * The checks that need no key: lifetime at most {@link #MAX_LIFETIME}, not issued in the future, not expired
     * (both with this codec's skew). A hub forwarding a scan it cannot verify still makes them.
     *
     * @throws JoseException {@code CODE_LIFETIME_TOO_LONG}, {@code CODE_NOT_YET_VALID} or {@code CODE_EXPIRED}
     */
    public void checkTimes(VenueClaims claims, Instant now) {
        if (Duration.between(claims.iat(), claims.exp()).compareTo(MAX_LIFETIME) > 0) {
            throw new JoseException(ProblemType.CODE_LIFETIME_TOO_LONG, "venue code lives "
                    + Duration.between(claims.iat(), claims.exp()).toDays() + " days, at most "
                    + MAX_LIFETIME.toDays() + " allowed");
        }
        if (claims.iat().isAfter(now.plus(skew))) {
            throw new JoseException(ProblemType.CODE_NOT_YET_VALID, "venue code issued at " + claims.iat()
                    + ", after " + now + " plus skew " + skew.toSeconds() + " s");
        }
        if (claims.exp().plus(skew).isBefore(now)) {
            throw new JoseException(ProblemType.CODE_EXPIRED, "venue code expired at " + claims.exp());
        }
    }

    /** The JWS of a string that claims to be a venue code; a dynamic code gets its own refusal. */
    private static ParsedJws parseCompact(String code) {
        if (code != null && code.length() > MAX_LENGTH) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "a code has at most " + MAX_LENGTH + " characters");
        }
        ParsedJws jws = ParsedJws.parseCompact(code);
        if (jws.header().typIs(DynamicCodeCodec.TYP)) {
            throw new JoseException(ProblemType.NOT_A_VENUE_CODE,
                    "a dynamic code (typ " + DynamicCodeCodec.TYP + "), not a venue code: verify it instead");
        }
        return jws;
    }

    private static VenueClaims claims(byte[] payload) {
        JsonNode node = ClaimReader.object(payload, "venue code");
        List<FieldError> errors = new ArrayList<>();
        VenueClaims claims = VenueClaims.fromJson(node, errors);
        Set<String> reported = errors.stream().map(FieldError::pointer).collect(Collectors.toSet());
        claims.validate().stream().filter(e -> !reported.contains(e.pointer())).forEach(errors::add);
        if (!errors.isEmpty()) {
            throw new JoseException(ProblemType.CODE_MALFORMED, "venue code claims are not valid", errors);
        }
        return claims;
    }
}
