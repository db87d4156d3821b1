package org.yimatong.schemas.payload.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.AnswerSource;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.dictionary.VerificationStatus;
import org.yimatong.schemas.payload.GreenLookupResult;
import org.yimatong.schemas.payload.VerificationResult;

class MemberAnswersTest {

    private static final Instant T = Instant.parse("2026-12-07T08:00:00Z");
    private static final String LIST_SUB = "ab".repeat(32);

    @Test
    void aPlatformAnswersLiveWhileAHubMayRelayAnySource() {
        VerificationResult live = answer("ymt:member:310000", AnswerSource.LIVE, LIST_SUB);
        VerificationResult fromList = answer("ymt:member:310000", AnswerSource.LIST, LIST_SUB);

        assertEquals(Optional.empty(), MemberAnswers.verificationFault(live, true));
        assertEquals(Optional.empty(), MemberAnswers.verificationFault(fromList, false));
        assertTrue(MemberAnswers.verificationFault(fromList, true).orElseThrow().contains("not LIVE"));
    }

    @Test
    void missingFieldsABadHomeOrAPseudonymThatIsNoneAreFaults() {
        assertTrue(MemberAnswers.verificationFault(null, false).isPresent());
        assertTrue(MemberAnswers.verificationFault(new VerificationResult(VerificationStatus.GREEN, "ymt:member:1",
                AnswerSource.LIVE, T, null, null), true).orElseThrow().contains("lacks"));
        assertTrue(MemberAnswers.verificationFault(answer("310000", AnswerSource.LIVE, null), true).orElseThrow()
                .contains("home"));
        assertTrue(MemberAnswers.verificationFault(answer("ymt:member:310000", AnswerSource.LIVE, "AB".repeat(32)),
                true).orElseThrow().contains("listSub"));
    }

    @Test
    void greenLookupAnswersAreHeldToTheSameRule() {
        GreenLookupResult fromList = new GreenLookupResult(VerificationStatus.RED, AnswerSource.LIST,
                "ymt:member:310000", T, T.plusSeconds(60), ReasonCode.LISTED);

        assertEquals(Optional.empty(), MemberAnswers.greenLookupFault(fromList, false));
        assertTrue(MemberAnswers.greenLookupFault(fromList, true).isPresent());
        assertTrue(MemberAnswers.greenLookupFault(new GreenLookupResult(VerificationStatus.GREEN, AnswerSource.LIVE,
                null, T, null, null), true).isPresent());
    }

    private static VerificationResult answer(String home, AnswerSource source, String listSub) {
        return new VerificationResult(VerificationStatus.GREEN, home, source, T, T.plusSeconds(60), null, listSub);
    }
}
