package org.yimatong.hub.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

class HopsTest {

    private static final String SELF = "ymt:hub:yrd";

    @Test
    void firstHopStartsAtEightAndThePathWithTheCaller() {
        Hops forwarded = Hops.fromHeaders(null, null).arrivingAt(SELF).forwardedBy(SELF, "ymt:member:310000");

        assertEquals("7", forwarded.hopHeader());
        assertEquals("ymt:member:310000,ymt:hub:yrd", forwarded.pathHeader());
    }

    @Test
    void forwardingDecrementsTheHopAndAppendsThisHub() {
        Hops forwarded = Hops.fromHeaders("3", "ymt:member:620000,ymt:hub:national").forwardedBy(SELF,
                "ymt:hub:national");

        assertEquals(2, forwarded.left());
        assertEquals(List.of("ymt:member:620000", "ymt:hub:national", SELF), forwarded.path());
    }

    @Test
    void ownIdInThePathIsALoop() {
        Hops hops = Hops.fromHeaders("5", "ymt:hub:national," + SELF + ",ymt:hub:national");

        assertEquals(ProblemType.LOOP_DETECTED, assertThrows(ProblemException.class, () -> hops.arrivingAt(SELF))
                .type());
    }

    @Test
    void noHopLeftIsALoopOnlyWhenTheRequestMustGoFurther() {
        Hops hops = Hops.fromHeaders("0", "ymt:hub:national").arrivingAt(SELF);

        assertEquals(ProblemType.LOOP_DETECTED,
                assertThrows(ProblemException.class, () -> hops.forwardedBy(SELF, "ymt:hub:national")).type());
    }

    @Test
    void sendingTheRequestBackToANodeItPassedIsALoop() {
        Hops hops = Hops.fromHeaders("6", "ymt:member:620000,ymt:hub:national");

        assertEquals(ProblemType.LOOP_DETECTED,
                assertThrows(ProblemException.class, () -> hops.notBackTo("ymt:hub:national")).type());
    }

    @Test
    void headersOutsideTheContractAreAValidationFailure() {
        for (String[] bad : new String[][]{ { "9", null }, { "-1", null }, { "two", null }, { null, "ymt:hub:a,,b" },
                { null, "not an id" } }) {
            ProblemException e = assertThrows(ProblemException.class, () -> Hops.fromHeaders(bad[0], bad[1]));
            assertEquals(ProblemType.VALIDATION_FAILED, e.type());
        }
    }
}
