package org.yimatong.schemas.dictionary;

import java.util.Optional;

/**
 * Identity documents a person may hold at a checkpoint or a login service. The constant name is the
 * wire code. Kept identical to {@code dictionary/id-document-types.json} by {@code DictionaryFilesTest}.
 *
 * <p>Four of them carry an 18-character GB 11643 number ({@link #carriesResidentIdNumber()}), which is
 * what {@code org.yimatong.schemas.idnumber.ResidentIdNumber} validates and what list subject ids are
 * derived from (DESIGN.md §7). The others have numbers of their own formats, not validated here.
 */
public enum IdDocumentType {
    RESIDENT_ID_CARD("居民身份证", "Resident identity card", true),
    RESIDENCE_PERMIT_HK_MACAO("港澳居民居住证", "Residence permit for Hong Kong and Macao residents", true),
    RESIDENCE_PERMIT_TAIWAN("台湾居民居住证", "Residence permit for Taiwan residents", true),
    FOREIGN_PERMANENT_RESIDENCE_ID("外国人永久居留身份证", "Foreign permanent resident ID card", false),
    PASSPORT("护照", "Passport", false),
    HK_MACAO_TRAVEL_PERMIT("港澳居民来往内地通行证", "Mainland travel permit for Hong Kong and Macao residents",
            false),
    TAIWAN_COMPATRIOT_PERMIT("台湾居民来往大陆通行证", "Mainland travel permit for Taiwan residents", false);

    private final String nameZh;
    private final String nameEn;
    private final boolean residentIdNumber;

    IdDocumentType(String nameZh, String nameEn, boolean residentIdNumber) {
        this.nameZh = nameZh;
        this.nameEn = nameEn;
        this.residentIdNumber = residentIdNumber;
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
