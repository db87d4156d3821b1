package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/audit/subjects/{listSub}} (REQ-AUD-3): who looked at a person, for the person's home platform to
 * show them, newest first; schema {@code subject-access-page.json}. {@code next} is absent at the end.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubjectAccessPage(List<Access> accesses, String next) {

    /**
     * One look.
     *
     * @param by the entity that asked (the checkpoint or department where the request began)
     * @param byName its display name, where this hub knows it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Access(Instant at, String by, String byName, String purpose, AuditEvent.Action action,
            String outcome) {}
}
