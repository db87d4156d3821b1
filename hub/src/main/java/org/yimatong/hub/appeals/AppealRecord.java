package org.yimatong.hub.appeals;

import java.time.Instant;

import org.yimatong.schemas.payload.Appeal;
import org.yimatong.schemas.payload.AppealDecision;
import org.yimatong.schemas.payload.AppealGround;

/** An appeal as stored: the contract's {@link Appeal} plus where it came from. */
record AppealRecord(String id, Appeal.State state, String sub, String rgn, String home, String filedBy,
        String upstreamId, AppealGround ground, String batchTag, Instant filedAt, Instant updatedAt,
        String homeReference, AppealDecision decision) {

    Appeal toAppeal() {
        return new Appeal(id, state, sub, rgn, home, filedBy, ground, filedAt, updatedAt, homeReference, decision);
    }

    AppealRecord forwarded(String reference, Instant at) {
        return new AppealRecord(id, Appeal.State.FORWARDED, sub, rgn, home, filedBy, upstreamId, ground, batchTag,
                filedAt, at, reference, decision);
    }

    AppealRecord decided(AppealDecision by, Instant at) {
        return new AppealRecord(id, Appeal.State.DECIDED, sub, rgn, home, filedBy, upstreamId, ground, batchTag,
                filedAt, at, by.homeReference(), by);
    }
}
