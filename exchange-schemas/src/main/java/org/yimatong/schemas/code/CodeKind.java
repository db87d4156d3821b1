package org.yimatong.schemas.code;

import org.yimatong.schemas.jose.JoseException;
import org.yimatong.schemas.jose.JwsHeader;
import org.yimatong.schemas.jose.ParsedJws;

/**
 * What a scanned string claims to be, read from its JWS header alone: no claims parsed, no key, no signature
 * checked. It lets the hub answer a code shown at the wrong place with a stable problem type
 * ({@code not-a-dynamic-code}, {@code not-a-venue-code}) and send a string that is no JWS at all to the adapters'
 * native-code recognisers (REQ-CODE-2). A claim, never a verdict: the codecs still decide.
 */
public enum CodeKind {
    /** A compact JWS of {@code typ} {@link DynamicCodeCodec#TYP}. */
    DYNAMIC,
    /** A compact JWS of {@code typ} {@link VenueCodeCodec#TYP}. */
    VENUE,
    /** A compact JWS of another {@code typ}, or none: an access token, an ID token, something signed elsewhere. */
    OTHER_JWS,
    /** Not a compact JWS (too long, not three base64url parts, a header that is not a JSON object): perhaps native. */
    NOT_JWS;

    /** The kind {@code code} claims to be; never throws. */
    public static CodeKind of(String code) {
        if (code == null || code.length() > DynamicCodeCodec.MAX_LENGTH) {
            return NOT_JWS;
        }
        JwsHeader header;
        try {
            header = ParsedJws.parseCompact(code).header();
        } catch (JoseException e) {
            return NOT_JWS;
        }
        if (header.typIs(DynamicCodeCodec.TYP)) {
            return DYNAMIC;
        }
        return header.typIs(VenueCodeCodec.TYP) ? VENUE : OTHER_JWS;
    }
}
