package org.yimatong.schemas.idnumber;

import java.util.Optional;

import org.yimatong.schemas.dictionary.IdDocumentType;
import org.yimatong.schemas.dictionary.Province;

/**
 * Which two-digit prefixes a resident ID number may start with, and the document that carries such a
 * number. Kept identical to {@code dictionary/id-number-prefixes.json} by {@code DictionaryFilesTest}.
 *
 * <ul>
 * <li>the 31 mainland divisions ({@code 11}..{@code 65}): the resident identity card;</li>
 * <li>{@code 81} (Hong Kong) and {@code 82} (Macao): residence permits for Hong Kong and Macao
 * residents, numbers starting {@code 810000} and {@code 820000};</li>
 * <li>{@code 83}: residence permits for Taiwan residents, numbers starting {@code 830000}. 83 is not a
 * GB/T 2260 division;</li>
 * <li>{@code 71} (Taiwan) is a GB/T 2260 division but is in no ID number, so it is refused.</li>
 * </ul>
 */
public final class ResidentIdPrefixes {

    /** The prefix of residence permits for Taiwan residents. */
    public static final String TAIWAN_RESIDENCE_PERMIT = "83";

    private ResidentIdPrefixes() {
    }

    /** Whether a resident ID number may start with this two-digit prefix. */
    public static boolean isAccepted(String prefix) {
        return documentFor(prefix).isPresent();
    }

    /** The document whose numbers start with this prefix; empty if no resident ID number does. */
    public static Optional<IdDocumentType> documentFor(String prefix) {
        if (TAIWAN_RESIDENCE_PERMIT.equals(prefix)) {
            return Optional.of(IdDocumentType.RESIDENCE_PERMIT_TAIWAN);
        }
        return Province.byPrefix(prefix).flatMap(ResidentIdPrefixes::documentOf);
    }

    private static Optional<IdDocumentType> documentOf(Province province) {
        switch (province) {
            case TAIWAN :
                return Optional.empty();
            case HONG_KONG :
            case MACAO :
                return Optional.of(IdDocumentType.RESIDENCE_PERMIT_HK_MACAO);
            default :
                return Optional.of(IdDocumentType.RESIDENT_ID_CARD);
        }
    }
}
