package org.yimatong.schemas.payload.validation;

import java.util.Optional;

import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationResult;

/**
 * The one check of what another node answered (DESIGN.md §6, §7), used by the hub for every member and hub it
 * calls and by the {@code v1} adapter: every required field present, the home an entity id, a {@code listSub} a
 * list pseudonym; a platform answers for itself, so its answer must be {@code LIVE}, while a hub may relay any
 * source. Each method answers what is wrong, or empty.
 */
public final class MemberAnswers {

    private MemberAnswers() {
    }

    /** What is wrong with a verification answer, or empty; {@code fromPlatform}: the home itself answered. */
    public static Optional<String> verificationFault(VerificationResult answer, boolean fromPlatform) {
        if (answer == null || answer.status() == null || answer.home() == null || answer.source() == null
                || answer.checkedAt() == null || answer.validUntil() == null) {
            return Optional.of("verification answer lacks status, home, source, checkedAt or validUntil");
        }
        if (!Patterns.ENTITY_ID.matcher(answer.home()).matches()) {
            return Optional.of("verification answer has a home that is not an entity id");
        }
        if (answer.listSub() != null && !Patterns.SUBJECT_ID.matcher(answer.listSub()).matches()) {
            return Optional.of("verification answer has a listSub that is not a list pseudonym");
        }
        if (fromPlatform && answer.source() != AnswerSource.LIVE) {
            return Optional.of("verification answer of a platform is not LIVE");
        }
        if (answer.attestations() != null && !answer.attestations().validate().isEmpty()) {
            return Optional.of("verification answer has attestations outside the contract: " + answer.attestations()
                    .validate());
        }
        return Optional.empty();
    }

    /** What is wrong with a green-lookup answer, or empty; {@code fromPlatform}: the home itself answered. */
    public static Optional<String> greenLookupFault(GreenLookupResult answer, boolean fromPlatform) {
        if (answer == null || answer.status() == null || answer.source() == null || answer.checkedAt() == null
                || answer.validUntil() == null) {
            return Optional.of("green lookup answer lacks status, source or validity");
        }
        if (fromPlatform && answer.source() != AnswerSource.LIVE) {
            return Optional.of("green lookup answer of a platform is not LIVE");
        }
        return Optional.empty();
    }
}
