package org.yimatong.adapters.soapmd5;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The dialect's password: lowercase hex of {@code MD5(appId + method + yyyyMMdd)}, the date being today in China
 * ({@code Asia/Shanghai}), so a password is valid for one method on one day. (MD5 is the platform's choice, not
 * ours; it is a shared-secret check, the secret being the appId's registration.)
 */
public final class SoapMd5Password {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private SoapMd5Password() {
    }

    public static String of(String appId, String method, Clock clock) {
        return of(appId, method, LocalDate.now(clock.withZone(CHINA)));
    }

    public static String of(String appId, String method, LocalDate chinaDay) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((appId + method + DAY.format(chinaDay)).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 missing from the JDK", e);
        }
    }
}
