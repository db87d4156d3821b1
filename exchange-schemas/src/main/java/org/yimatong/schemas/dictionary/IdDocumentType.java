package org.yimatong.schemas.dictionary;

import java.util.Optional;

/**
 * Identity documents a person may hold at a checkpoint or a login service. The constant name is the
 * wire code. Kept identical to {@code dictionary/id-document-types.json} by {@code DictionaryFilesTest}.
 *
 * <p>Three of them carry an 18-character GB 11643 number ({@link #carriesResidentIdNumber()}), which is
 * what {@code org.yimatong.schemas.idnumber.ResidentIdNumber} validates. Every type has exactly one
 * normalisation rule ({@link #normalisation()}) and one form of the HMAC input of its list pseudonym
 * ({@link #pseudonymInput()}, a regular expression), both implemented by
 * {@code org.yimatong.schemas.idnumber.DocumentNumber} (DESIGN.md §7, REQ-LIST-11).
 */
public enum IdDocumentType {
    RESIDENT_ID_CARD("居民身份证", "Resident identity card", true, Gb11643.NORMALISATION, Gb11643.INPUT),
    RESIDENCE_PERMIT_HK_MACAO("港澳居民居住证", "Residence permit for Hong Kong and Macao residents", true,
            Gb11643.NORMALISATION, Gb11643.INPUT),
    RESIDENCE_PERMIT_TAIWAN("台湾居民居住证", "Residence permit for Taiwan residents", true,
            Gb11643.NORMALISATION, Gb11643.INPUT),
    FOREIGN_PERMANENT_RESIDENCE_ID("外国人永久居留身份证", "Foreign permanent resident ID card", false,
            "Remove whitespace and hyphens, upper-case letters. Then 18 characters (cards from "
                    + "2023-12-01): 9, 16 digits, ISO 7064 MOD 11-2 check character as in GB 11643; or 15 "
                    + "characters (earlier cards): 3 letters (nationality) and 12 digits. An old and a new card "
                    + "of one holder have different pseudonyms.",
            "^FPR:(9[0-9]{16}[0-9X]|[A-Z]{3}[0-9]{12})$"),
    PASSPORT("护照", "Passport", false,
            "Needs the issuing state: trim, upper-case, remove < fillers, read D (Germany in ICAO "
                    + "9303) as DEU; 3 letters (ISO 3166-1 alpha-3 or ICAO code). Number: remove whitespace, "
                    + "hyphens and < fillers, upper-case letters; 5 to 20 letters or digits (the MRZ document "
                    + "number).",
            "^PASSPORT:[A-Z]{3}:[A-Z0-9]{5,20}$"),
    HK_MACAO_TRAVEL_PERMIT("港澳居民来往内地通行证",
            "Mainland travel permit for Hong Kong and Macao residents", false,
            "Remove whitespace and hyphens, upper-case letters. Then H or M and the 8-digit lifetime "
                    + "number; an older 11-character number (H or M, lifetime number, 2-digit renewal count) "
                    + "keeps its first 9 characters, so old and new permits of one holder share a pseudonym.",
            "^HKMO:[HM][0-9]{8}$"),
    TAIWAN_COMPATRIOT_PERMIT("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents", false,
            "Remove a trailing issuing-office code in brackets, e.g. (B) (1 or 2 letters or digits, "
                    + "ASCII or full-width brackets), whitespace and hyphens. Then the 8-digit lifetime number; "
                    + "an older 10-digit number (lifetime number and 2-digit issue count) keeps its first 8 "
                    + "digits, so old and new permits of one holder share a pseudonym.",
            "^TW:[0-9]{8}$");

    private final String nameZh;
    private final String nameEn;
    private final boolean residentIdNumber;
    private final String normalisation;
    private final String pseudonymInput;

    IdDocumentType(String nameZh, String nameEn, boolean residentIdNumber, String normalisation,
            String pseudonymInput) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.residentIdNumber = residentIdNumber;
        this.normalisation = normalisation;
        this.pseudonymInput = pseudonymInput;
    }

    /** The wire code, the constant name (e.g. {@code RESIDENT_ID_CARD}). */
    public String code() {
        return name();
    }

    public String nameZh() {
        return nameZh;
    }

    public String nameEn() {
        return nameEn;
    }

    /** Whether the document's number is an 18-character GB 11643 resident ID number. */
    public boolean carriesResidentIdNumber() {
        return residentIdNumber;
    }

    /** The one normalisation rule of this type's numbers, in words (the dictionary's {@code normalisation}). */
    public String normalisation() {
        return normalisation;
    }

    /**
     * A regular expression every HMAC input of this type's list pseudonyms matches (the dictionary's
     * {@code pseudonymInput}): the bare number for GB 11643 types, a namespace ({@code FPR:},
     * {@code PASSPORT:<state>:}, {@code HKMO:}, {@code TW:}) and the number otherwise.
     */
    public String pseudonymInput() {
        return pseudonymInput;
    }

    /** The rule shared by the three GB 11643 types (in a holder: enum constants cannot use their own statics). */
    private static final class Gb11643 {
        static final String NORMALISATION = "As ResidentIdNumber: trim surrounding whitespace, upper-case a "
                + "trailing x, nothing else removed; then GB 11643-1999 (18 characters, accepted prefix, real birth date, "
                + "ISO 7064 MOD 11-2 check character). Any valid GB 11643 number is accepted under any "
                + "of the three GB 11643 types: the pseudonym belongs to the number.";
        static final String INPUT = "^[0-9]{17}[0-9X]$";
    }

    /** Parses a wire code; an unknown code is empty. */
    public static Optional<IdDocumentType> fromCode(String code) {
        for (IdDocumentType t : values()) {
            if (t.name().equals(code)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
