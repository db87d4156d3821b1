package org.yimatong.schemas.payload;

/** Why a correction is requested (REQ-APL-1). */
public enum AppealGround {
    WRONG_LISTING, WRONG_COLOUR, LISTING_EXPIRED, OTHER
}
