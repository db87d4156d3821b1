package org.yimatong.schemas.payload.validation;

import java.util.regex.Pattern;

/**
 * The identifier patterns of v1, identical to the {@code pattern}s of the JSON Schemas (a contract test keeps
 * them equal). All are anchored: use {@code matcher(..).matches()}.
 */
public final class Patterns {

    private Patterns() {
    }

    /** {@code ymt:hub:national}, {@code ymt:member:310000}. */
    public static final Pattern ENTITY_ID = Pattern.compile("^ymt:(hub|member):[A-Za-z0-9._-]+$");
    /** GB/T 2260 region code, 6 digits. */
    public static final Pattern REGION_CODE = Pattern.compile("^[0-9]{6}$");
    /** A routing prefix of a region code: 2, 4 or 6 digits. */
    public static final Pattern REGION_PREFIX = Pattern.compile("^[0-9]{2}([0-9]{2}([0-9]{2})?)?$");
    /** Pseudonymous subject id: HMAC-SM3 in lower-case hex. */
    public static final Pattern SUBJECT_ID = Pattern.compile("^[0-9a-f]{64}$");
    /** A 256-bit digest or fingerprint in lower-case hex. */
    public static final Pattern HEX_256 = SUBJECT_ID;
    public static final Pattern BATCH_TAG = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");
    public static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    public static final Pattern CURSOR = Pattern.compile("^[A-Za-z0-9_-]{1,128}$");
    public static final Pattern RESOURCE_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    public static final Pattern CHECKPOINT_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    public static final Pattern CHECKPOINT_KIND = Pattern.compile("^[A-Z][A-Z0-9_]{1,31}$");
    public static final Pattern PURPOSE = Pattern.compile("^[a-z][a-z0-9-]{1,31}$");
    /** Upper-case reason words of revocations ({@code LOST_DEVICE}); list entries use lower-case codes (ListEntry). */
    public static final Pattern REASON_WORD = CHECKPOINT_KIND;
    /** Printable ASCII without spaces: what a scanned code may contain. */
    public static final Pattern CODE = Pattern.compile("^[\\x21-\\x7E]+$");
    public static final Pattern COMPACT_JWS = Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    public static final Pattern DETACHED_JWS = Pattern.compile("^[A-Za-z0-9_-]+\\.\\.[A-Za-z0-9_-]+$");
    public static final Pattern JTI = Pattern.compile("^[A-Za-z0-9_-]{16,128}$");
    /** OAuth client ids and audiences (departments). */
    public static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9._:/-]{1,256}$");
    public static final Pattern OPERATOR = Pattern.compile("^[A-Za-z0-9._-]{1,128}$");
    public static final Pattern HOME_REFERENCE = Pattern.compile("^[A-Za-z0-9._:-]{1,128}$");
    public static final Pattern DIALECT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,31}$");
    /** Unified social credit code (GB 32100), the legal-person id. */
    public static final Pattern LEGAL_PERSON_ID = Pattern
            .compile("^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$");
    public static final Pattern ACR = Pattern.compile("^urn:ymt:loa:(anonymous|basic|substantial|high)$");
    /**
     * Anything that looks like an 18-character resident ID number inside free text. Unanchored: use
     * {@code find()}. Free text carrying one is refused (REQ-PRIV-1).
     */
    public static final Pattern ID_NUMBER_LIKE = Pattern.compile("[0-9]{17}[0-9Xx]");
}
