package org.yimatong.schemas.crypto;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.util.encoders.Hex;

/** SM3 (GB/T 32905): the digest of the SM2 profile and of the audit hash chain (DESIGN.md §4, §9). */
public final class Sm3 {

    /** Length of an SM3 digest in bytes. */
    public static final int LENGTH = 32;

    private Sm3() {
    }

    public static byte[] digest(byte[] data) {
        SM3Digest d = new SM3Digest();
        d.update(data, 0, data.length);
        byte[] out = new byte[LENGTH];
        d.doFinal(out, 0);
        return out;
    }

    /** The digest as lowercase hex, the form used on the wire. */
    public static String hex(byte[] data) {
        return Hex.toHexString(digest(data));
    }
}
