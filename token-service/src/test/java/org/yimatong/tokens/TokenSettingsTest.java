package org.yimatong.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.crypto.SignatureProfile;

class TokenSettingsTest {

    @Test
    void defaultsAreFiveMinutesThirtySecondsSkewAndSm2() {
        TokenSettings settings = TokenSettings.defaults("ymt:hub:yrd", "https://yrd.example");

        assertEquals(Duration.ofMinutes(5), settings.accessTokenLifetime());
        assertEquals(Duration.ofSeconds(30), settings.clockSkew());
        assertEquals(SignatureProfile.SM2, settings.signingProfile());
    }

    @Test
    void lifetimeLongerThanFiveMinutesIsRefused() {
        TokenSettings settings = TokenSettings.defaults("ymt:hub:yrd", "https://yrd.example");

        assertThrows(IllegalArgumentException.class,
                () -> settings.withAccessTokenLifetime(Duration.ofMinutes(5).plusSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> settings.withAccessTokenLifetime(Duration.ZERO));
    }
}
