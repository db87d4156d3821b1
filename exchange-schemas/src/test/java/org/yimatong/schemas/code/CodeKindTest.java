package org.yimatong.schemas.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.Base64Url;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;
import org.yimatong.schemas.dictionary.VenueKind;
import org.yimatong.schemas.jose.JwsSigner;

/** The hub tells a venue code from a dynamic code, and both from a native string, by the header alone. */
class CodeKindTest {

    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private final Jwk key = Jwk.generate(SignatureProfile.ES256);

    @Test
    void dynamicCodeClaimsToBeDynamicEvenWithClaimsNoCodecWouldAccept() {
        String code = new DynamicCodeCodec().encode(new CodeClaims("ymt:member:310000", "p-1",
                "AAECAwQFBgcICQoLDA0ODw", Colour.RED, "310101", NOW, NOW.plusSeconds(60)), key);
        String garbageClaims = JwsSigner.sign(key, "application/YMT-CODE+JWT", "[]".getBytes(StandardCharsets.UTF_8));

        assertEquals(CodeKind.DYNAMIC, CodeKind.of(code));
        assertEquals(CodeKind.DYNAMIC, CodeKind.of(garbageClaims));
    }

    @Test
    void venueCodeClaimsToBeAVenue() {
        String code = new VenueCodeCodec().encode(new VenueClaims("ymt:member:620000", "v-1", "620105",
                VenueKind.SHOP, "便利店", NOW, NOW.plusSeconds(86_400)), key);

        assertEquals(CodeKind.VENUE, CodeKind.of(code));
    }

    @Test
    void jwsOfAnotherTypeOrNoneIsAnotherJws() {
        assertEquals(CodeKind.OTHER_JWS, CodeKind.of(JwsSigner.sign(key, "at+jwt", new byte[]{ '{', '}' })));
        assertEquals(CodeKind.OTHER_JWS, CodeKind.of(JwsSigner.sign(key, null, new byte[]{ '{', '}' })));
    }

    @Test
    void nativeStringsAndBrokenHeadersAreNotJws() {
        // a Gansu-style legacy string, a header that is an array, a header that is not JSON, too long, nothing
        String arrayHeader = Base64Url.encode("[1]".getBytes(StandardCharsets.UTF_8)) + ".e30.AAAA";
        String notJson = Base64Url.encode("typ".getBytes(StandardCharsets.UTF_8)) + ".e30.AAAA";

        assertEquals(CodeKind.NOT_JWS, CodeKind.of("GSJKM:620102:8f3e0c1a9b7d"));
        assertEquals(CodeKind.NOT_JWS, CodeKind.of(arrayHeader));
        assertEquals(CodeKind.NOT_JWS, CodeKind.of(notJson));
        assertEquals(CodeKind.NOT_JWS, CodeKind.of("e30." + "A".repeat(DynamicCodeCodec.MAX_LENGTH) + ".AAAA"));
        assertEquals(CodeKind.NOT_JWS, CodeKind.of(null));
    }
}
