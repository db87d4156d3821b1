package org.yimatong.schemas.batch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;
import org.yimatong.schemas.crypto.SignatureProfile;

/**
 * The digest of a batch's canonical bytes. The manifest's {@code digest} names it explicitly as a prefix,
 * {@code sm3:<64 hex>} or {@code sha-256:<64 hex>}, so a verifier never has to guess; which one a member uses
 * follows its signing profile (DESIGN.md §4: SM3 for SM2, SHA-256 otherwise).
 */
public enum BatchDigest {
    SM3("sm3"), SHA_256("sha-256");

    /** A manifest {@code digest} value; the pattern of {@code batch-manifest.json}'s {@code digest}. */
    public static final Pattern FORMAT = Pattern.compile("^(sm3|sha-256):([0-9a-f]{64})$");

    private final String prefix;

    BatchDigest(String prefix) {
        this.prefix = prefix;
    }

    /** The prefix in the manifest's {@code digest}, without the colon. */
    public String prefix() {
        return prefix;
    }

    /** The digest a batch signed with {@code profile} must use. */
    public static BatchDigest forProfile(SignatureProfile profile) {
        return profile == SignatureProfile.SM2 ? SM3 : SHA_256;
    }

    /** The algorithm named by a manifest {@code digest} value, or {@code null} if the value is malformed. */
    public static BatchDigest of(String digestValue) {
        Matcher m = digestValue == null ? null : FORMAT.matcher(digestValue);
        if (m == null || !m.matches()) {
            return null;
        }
        return m.group(1).equals(SM3.prefix) ? SM3 : SHA_256;
    }

    Digest newDigest() {
        return this == SM3 ? new SM3Digest() : new SHA256Digest();
    }

    String format(byte[] digest) {
        return prefix + ":" + Hex.toHexString(digest);
    }
}
