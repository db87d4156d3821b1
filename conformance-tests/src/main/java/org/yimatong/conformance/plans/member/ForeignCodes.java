package org.yimatong.conformance.plans.member;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.yimatong.conformance.engine.TestContext;
import org.yimatong.schemas.code.CodeClaims;
import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.dictionary.Colour;

/** Well-formed, validly signed codes that are not the member's: it must not answer for them. */
final class ForeignCodes {

    /** A member id no test target has (region 990000 is not a GB/T 2260 province). */
    static final String STRANGER = "ymt:member:990000";

    private ForeignCodes() {
    }

    /** A fresh GREEN code of {@link #STRANGER}, signed with a key the suite just made. */
    static String ofAnotherIssuer(TestContext ctx) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(STRANGER, "conformance-stranger", DynamicCodeCodec.newJti(), Colour.GREEN,
                "990000", now, now.plusSeconds(60));
        return new DynamicCodeCodec().encode(claims, Jwk.generate(SignatureProfile.SM2));
    }

    /**
     * A fresh GREEN code claiming to be the member's own ({@code iss} the target, its region), signed by a key the
     * suite made (of the member's profile) under {@code kid}: a forgery only the member's key set can expose.
     */
    static String forgedAsTarget(TestContext ctx, SignatureProfile profile, String kid, String region) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CodeClaims claims = new CodeClaims(ctx.targetEntityId(), "conformance-forged", DynamicCodeCodec.newJti(),
                Colour.GREEN, region, now, now.plusSeconds(60));
        return new DynamicCodeCodec().encode(claims, Jwk.generate(profile).withKid(kid));
    }
}
