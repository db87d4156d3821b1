package org.yimatong.hub.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.yimatong.hub.home.YimatongHome;

/**
 * Seals private keys with AES-256-GCM before they reach the database. Each sealing draws a fresh 96-bit
 * nonce; the key id is bound as associated data, so a sealed key copied onto another row does not open.
 */
@ApplicationScoped
public class SealedKeyVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec masterKey;

    @Inject
    public SealedKeyVault(KeysConfig config) {
        this(config.masterKey().map(SealedKeyVault::decodeMasterKey)
                .orElseGet(() -> decodeMasterKey(YimatongHome.secret("master.key", "ymt.keys.master-key"))));
    }

    SealedKeyVault(byte[] masterKey) {
        if (masterKey.length != 32) {
            throw new IllegalArgumentException("The master key must be 32 bytes, got " + masterKey.length);
        }
        this.masterKey = new SecretKeySpec(masterKey, "AES");
    }

    public record Sealed(byte[] nonce, byte[] ciphertext) {}

    public Sealed seal(byte[] plaintext, String keyId) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Sealed(nonce, run(Cipher.ENCRYPT_MODE, nonce, keyId, plaintext));
    }

    public byte[] open(Sealed sealed, String keyId) {
        return run(Cipher.DECRYPT_MODE, sealed.nonce(), keyId, sealed.ciphertext());
    }

    private byte[] run(int mode, byte[] nonce, String keyId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not " + (mode == Cipher.ENCRYPT_MODE ? "seal" : "open")
                    + " the private key " + keyId + " (is the master key the one it was sealed with?)", e);
        }
    }

    private static byte[] decodeMasterKey(String base64) {
        return Base64.getDecoder().decode(base64.trim());
    }
}
