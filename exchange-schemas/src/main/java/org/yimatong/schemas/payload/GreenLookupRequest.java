package org.yimatong.schemas.payload;

import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/green-lookups} (DESIGN.md §7); schema {@code green-lookup-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GreenLookupRequest(String sub, String rgn, Boolean live) implements Validatable {

    public boolean wantsLive() {
        return Boolean.TRUE.equals(live);
    }

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .requiredMatching("/sub", sub, Patterns.SUBJECT_ID)
                .requiredMatching("/rgn", rgn, Patterns.REGION_CODE)
                .errors();
    }
}
