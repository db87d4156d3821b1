package org.yimatong.schemas.dictionary;

/** Why an answer is not the plain colour of the home platform. */
public enum ReasonCode {
    /** The home platform is down, slow or its breaker is open: the answer is UNKNOWN, never RED. */
    HOME_UNAVAILABLE,
    /** The subject is on a red or yellow list, which outranks a fresh code. */
    LISTED,
    /** The home platform does not know the code or the subject. */
    NOT_FOUND_AT_HOME,
    /** The code was revoked by its issuer. */
    REVOKED
}
