package org.yimatong.schemas.crypto;

import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.encoders.Hex;

/**
 * HMAC with SM3 (RFC 2104 over GB/T 32905): the pseudonym function of lists and green lookups, so the hub
 * never sees an ID number (DESIGN.md §7, REQ-LIST-1).
 */
public final class HmacSm3 {

    private HmacSm3() {
    }

    public static byte[] mac(byte[] key, byte[] data) {
        HMac hmac = new HMac(new SM3Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        byte[] out = new byte[hmac.getMacSize()];
        hmac.doFinal(out, 0);
        return out;
    }

    /**
     * The subject id of a list entry: lowercase hex of HMAC-SM3 over the UTF-8 bytes of the already
     * normalised ID number (64 hex characters).
     */
    public static String subjectId(byte[] listKey, String normalizedIdNumber) {
        return Hex.toHexString(mac(listKey, normalizedIdNumber.getBytes(StandardCharsets.UTF_8)));
    }
}
