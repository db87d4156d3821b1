package org.yimatong.conformance.plans.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.yimatong.conformance.counterpart.Identity;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.code.VenueClaims;
import org.yimatong.schemas.code.VenueCodeCodec;
import org.yimatong.schemas.crypto.HmacSm3;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.MemberKind;
import org.yimatong.schemas.dictionary.VenueKind;

/**
 * A member the suite plays at the target hub: an identity with a key the suite generated, the region prefix it
 * serves, and where on the suite's listener its member API answers ({@code <listener>/<path>/member/v1/...}, or
 * {@code <listener>/<path>/v1/...} for a child hub). A client record ({@link VirtualFederation#client}) has the
 * empty prefix: it serves no region.
 */
public record VirtualMember(Identity identity, MemberKind kind, String prefix, String path) {

    private static final DynamicCodeCodec CODES = new DynamicCodeCodec();
    private static final VenueCodeCodec VENUES = new VenueCodeCodec();
    private static final byte[] PSEUDONYM_KEY = "conformance suite: pseudonyms of made-up people".getBytes(
            StandardCharsets.UTF_8);

    public String entityId() {
        return identity.entityId();
    }

    /** A region code inside this member's prefix. */
    public String regionCode() {
        return (prefix + "0101").substring(0, 6);
    }

    public URI baseUrl(URI listener) {
        return URI.create(listener + "/" + path);
    }

    /** The path on the listener where the hub sends {@code operation} (e.g. {@code verifications}). */
    public String apiPath(String operation) {
        return "/" + path + (kind == MemberKind.HUB ? "/v1/" : "/member/v1/") + operation;
    }

    /** A fresh code of this member: issued now, 60 s of life. */
    public String code(Colour colour) {
        return code(colour, Instant.now(), Duration.ofSeconds(60), identity.key());
    }

    /** A code of this member issued at {@code iat}, signed by {@code key} (the member's own, or a forger's). */
    public String code(Colour colour, Instant iat, Duration lifetime, Jwk key) {
        return CODES.encode(claims(colour, iat, lifetime), key);
    }

    /**
     * A code of this member issued now that lives {@code lifetime} (up to the 24 h any policy may allow), signed as
     * an issuer whose own codePolicy allows it: whether the hub accepts it is up to the policy the member was
     * registered with (REQ-CODE-3).
     */
    public String code(Colour colour, Duration lifetime) {
        return CODES.encode(claims(colour, Instant.now(), lifetime), identity.key(), lifetime);
    }

    /**
     * A relative's code (REQ-CODE-4): the dependant's own code, issued now for 60 s, with {@code hld} the pseudonym
     * of the guardian who shows it.
     */
    public String relativeCode(Colour colour, String holder) {
        CodeClaims own = claims(colour, Instant.now(), Duration.ofSeconds(60));
        return CODES.encode(new CodeClaims(own.iss(), own.sub(), own.jti(), own.col(), own.rgn(), own.iat(),
                own.exp(), holder), identity.key());
    }

    /**
     * A venue code of this member (DESIGN.md §5a) for venue {@code vid} in its region, issued at {@code iat} (whole
     * seconds), living {@code lifetime}, signed by {@code key} (the member's own, or a forger's).
     */
    public String venueCode(String vid, String name, Instant iat, Duration lifetime, Jwk key) {
        return VENUES.encode(venueClaims(vid, name, iat, lifetime), key);
    }

    /** A venue code of this member, issued now, good for 30 days, as a platform posts them. */
    public String venueCode(String vid, String name) {
        return venueCode(vid, name, Instant.now(), Duration.ofDays(30), identity.key());
    }

    /** The claims of a shop's venue code of this member, with whole-second times. */
    public VenueClaims venueClaims(String vid, String name, Instant iat, Duration lifetime) {
        Instant issued = iat.truncatedTo(ChronoUnit.SECONDS);
        return new VenueClaims(entityId(), vid, regionCode(), VenueKind.SHOP, name, issued, issued.plus(lifetime));
    }

    /** Claims with whole-second times, as the code format requires. */
    public CodeClaims claims(Colour colour, Instant iat, Duration lifetime) {
        Instant issued = iat.truncatedTo(ChronoUnit.SECONDS);
        return new CodeClaims(entityId(), subject("resident-1"), DynamicCodeCodec.newJti(), colour, regionCode(),
                issued, issued.plus(lifetime));
    }

    /** A pseudonymous subject id (64 hex, HMAC-SM3 as members derive them); never an ID number. */
    public static String subject(String label) {
        return HmacSm3.subjectId(PSEUDONYM_KEY, label);
    }

    /** A fresh client assertion of this member for the hub. */
    public String assertionFor(String hubEntityId) {
        return identity.assertionFor(hubEntityId);
    }
}
