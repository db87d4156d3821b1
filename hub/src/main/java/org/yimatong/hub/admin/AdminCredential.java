package org.yimatong.hub.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.home.YimatongHome;

import io.quarkus.runtime.Startup;

/**
 * The operator's bearer token: from configuration, else the one the hub keeps in its home folder. Made at startup,
 * so that on a first start the file is there for the operator before any admin call.
 */
@Startup
@ApplicationScoped
public class AdminCredential {

    private final byte[] token;

    public AdminCredential(AdminConfig config) {
        this.token = config.token().orElseGet(() -> YimatongHome.secret("admin.token", "ymt.admin.token"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A key derived from the token for {@code purpose} (HMAC-SHA256 of the purpose under the token): every instance
     * derives the same one, and a new token changes it. The token itself never leaves this class.
     */
    public byte[] derivedKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    /** Constant-time, so the comparison leaks nothing about the token. */
    public boolean matches(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.startsWith("Bearer ")) {
            return false;
        }
        byte[] presented = authorizationHeader.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(presented, token);
    }
}
