package org.yimatong.schemas.idnumber;

/**
 * Why a string is not a valid resident ID number, in the order the checks run. The {@link #detail()}
 * texts never contain the number, so they are safe in problem details and logs.
 */
public enum IdNumberFault {
    /** Not 18 characters after trimming (or missing). */
    WRONG_LENGTH("must be 18 characters long"),
    /** Not 17 ASCII digits followed by a digit or {@code X}. */
    BAD_CHARACTER("must be 17 digits followed by a digit or X"),
    /** The first two digits are not a prefix used in resident ID numbers. */
    UNKNOWN_PREFIX("does not start with a region prefix used in resident ID numbers"),
    /** Characters 7 to 14 are not a real date from 1900-01-01 up to today. */
    IMPOSSIBLE_DATE("has a birth date that is not a real date between 1900-01-01 and today"),
    /** The last character is not the ISO 7064 MOD 11-2 check character of the first 17. */
    BAD_CHECK_CHARACTER("has a check character that does not match (ISO 7064 MOD 11-2)");

    private final String detail;

    IdNumberFault(String detail) {
        this.detail = detail;
    }

    /** A sentence fragment naming the fault without the number, e.g. for a problem's {@code detail}. */
    public String detail() {
        return detail;
    }
}
