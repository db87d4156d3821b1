package org.yimatong.hub.lists;

import java.util.List;

import org.yimatong.hub.auth.Caller;
import org.yimatong.hub.registry.Member;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** The member behind an authenticated call to a lists endpoint: only members hold lists. */
public final class ListCaller {

    private ListCaller() {
    }

    public static Member member(Caller caller) {
        return caller.member().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                "Only members upload lists and subscribe", List.of()));
    }
}
