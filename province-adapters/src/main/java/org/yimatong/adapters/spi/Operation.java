package org.yimatong.adapters.spi;

/** The member operations of the v1 contract an adapter may offer; see {@link MemberAdapter#operations()}. */
public enum Operation {
    /** {@code POST /member/v1/verifications}: the home answers for a code it issued. */
    VERIFY,
    /** {@code POST /member/v1/green-lookups}: the home answers for a pseudonymous subject. */
    GREEN_LOOKUP,
    /** {@code GET /member/v1/jwks}: the member's signing key set. */
    KEY_SET,
    /** {@code POST /member/v1/appeals}: appeal intake at the home. */
    APPEAL,
    /** The member's daily red/yellow list, fetched by the hub (members that do not push batches themselves). */
    DAILY_LIST,
    /**
     * A native code string checked live with the platform that printed it (REQ-CODE-2): answered only {@code LIVE}
     * or {@code UNKNOWN}, never a colour read from the string.
     */
    VERIFY_NATIVE,
    /** {@code POST /member/v1/venue-scans}: a visit to one of the member's venues, delivered (REQ-VENUE-2). */
    VENUE_SCAN
}
