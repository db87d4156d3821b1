package org.yimatong.hub.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class TrustedRunnerKeysTest {

    @Test
    void withoutTheSettingNoReportCanBeVerified() {
        TrustedRunnerKeys keys = new TrustedRunnerKeys(Optional::empty, null);

        ProblemException e = assertThrows(ProblemException.class, () -> keys.current().await().indefinitely());
        assertEquals(ProblemType.UNKNOWN_KEY, e.type());
        assertTrue(e.getMessage().contains(TrustedRunnerKeys.PROPERTY), e.getMessage());
    }
}
