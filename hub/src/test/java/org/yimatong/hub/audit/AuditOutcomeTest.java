package org.yimatong.hub.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.dictionary.ReasonCode;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Every outcome the hub writes has the form {@code audit-event.json} promises readers of {@code GET /v1/audit}
 * ({@link AuditWriter#append} refuses any other).
 */
class AuditOutcomeTest {

    @Test
    void outcomesAreAWordInCapitalsOptionallyQualifiedByASlug() {
        assertEquals("PROBLEM:code-expired", AuditOutcome.problem(ProblemType.CODE_EXPIRED));
        assertEquals("UNKNOWN:home-unavailable", AuditOutcome.of("UNKNOWN", ReasonCode.HOME_UNAVAILABLE));
        assertEquals("GREEN", AuditOutcome.of("GREEN", null));
        assertEquals("PROBLEM:internal", AuditOutcome.internal());
    }

    @Test
    void anOutcomeOutsideTheFormIsNotWritten() {
        for (String bad : new String[]{ "code-expired", "UNKNOWN/HOME_UNAVAILABLE", "Green", "", null }) {
            assertThrows(IllegalArgumentException.class, () -> AuditOutcome.require(bad), String.valueOf(bad));
        }
        assertEquals("DECIDED:upheld", AuditOutcome.require("DECIDED:upheld"));
    }
}
