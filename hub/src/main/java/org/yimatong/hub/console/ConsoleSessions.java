package org.yimatong.hub.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.admin.AdminCredential;

import io.quarkus.runtime.Startup;

/**
 * Console logins. An operator proves the admin token once; the browser then carries a session cookie that is
 * {@code v1.<expiry>.<nonce>.<HMAC-SHA256>}, never the token itself. The MAC key is derived from the admin token, so
 * every instance of the hub checks a cookie another instance made without any shared store, and replacing the admin
 * token ends every console session at once. Made at startup, so the key (which may be read from a file) is never
 * derived on the event loop of a first request.
 */
@Startup
@ApplicationScoped
public class ConsoleSessions {

    /** The cookie's name; its path is {@link #PATH}, so it never travels with the API's requests. */
    public static final String COOKIE = "ymt_console";
    public static final String PATH = "/console";

    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final String KEY_LABEL = "yimatong admin console session key v1";
    /** Far above the ~80 characters of a real cookie: anything longer is refused before any parsing. */
    private static final int MAX_COOKIE_LENGTH = 256;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final AdminCredential admin;
    private final Clock clock;
    private final long lifetimeSeconds;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(AdminCredential admin, ConsoleConfig config, Clock clock) {
        this.admin = admin;
        this.clock = clock;
        this.lifetimeSeconds = config.sessionTimeout().toSeconds();
        if (lifetimeSeconds < 1) {
            throw new IllegalArgumentException("ymt.console.session-timeout must be at least one second, not "
                    + config.sessionTimeout());
        }
        this.key = new SecretKeySpec(admin.derivedKey(KEY_LABEL), HMAC);
    }

    /** True when {@code presented} (as pasted into the login form) is the admin token. */
    public boolean isAdminToken(String presented) {
        return presented != null && !presented.isBlank() && admin.matches("Bearer " + presented.trim());
    }

    /** A fresh session cookie value, valid for the configured lifetime from now. */
    public String open() {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String signed = VERSION + "." + (clock.instant().getEpochSecond() + lifetimeSeconds) + "." + B64.encodeToString(
                nonce);
        return signed + "." + B64.encodeToString(mac(key, signed.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * True for a cookie this hub made that has not expired. One made for a longer lifetime than the one configured
     * now is refused too: shortening the setting takes effect at once.
     */
    public boolean isValid(String cookie) {
        if (cookie == null || cookie.length() > MAX_COOKIE_LENGTH) {
            return false;
        }
        String[] parts = cookie.split("\\.", -1);
        if (parts.length != 4 || !VERSION.equals(parts[0]) || !parts[1].matches("[0-9]{1,12}")) {
            return false;
        }
        byte[] presented;
        try {
            presented = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        String signed = parts[0] + "." + parts[1] + "." + parts[2];
        if (!MessageDigest.isEqual(presented, mac(key, signed.getBytes(StandardCharsets.UTF_8)))) {
            return false;
        }
        long expiry = Long.parseLong(parts[1]);
        long now = clock.instant().getEpochSecond();
        return expiry > now && expiry <= now + lifetimeSeconds;
    }

    /** The lifetime of a new session, for the cookie's {@code Max-Age}. */
    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
