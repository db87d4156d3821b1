package org.yimatong.adapters.spi;

import java.util.regex.Pattern;

/**
 * What a dialect's recogniser reads from a native code string (REQ-CODE-2) without calling anybody: the region of
 * the platform that issued it, so the hub can route it, and an identifier of the code fit for the audit.
 *
 * @param rgn the 6-digit GB/T 2260 region code of the issuing platform
 * @param codeId a non-secret identifier of the code (the platform's own serial, or a digest prefix of the string):
 *     never a resident ID number, never the string itself when the string is the secret; 1..64 of
 *     {@code A-Z a-z 0-9 . _ : -}
 */
public record NativeCode(String rgn, String codeId) {

    private static final Pattern REGION = Pattern.compile("[0-9]{6}");
    private static final Pattern CODE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public NativeCode {
        if (rgn == null || !REGION.matcher(rgn).matches()) {
            throw new IllegalArgumentException("rgn must be a 6-digit region code");
        }
        if (codeId == null || !CODE_ID.matcher(codeId).matches()) {
            throw new IllegalArgumentException("codeId must be 1..64 of A-Z a-z 0-9 . _ : -");
        }
    }
}
