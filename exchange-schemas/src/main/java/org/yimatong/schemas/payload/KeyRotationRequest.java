package org.yimatong.schemas.payload;

import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/admin/keys/rotate} (REQ-KEY-1); schema {@code key-rotation-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyRotationRequest(SignatureAlgorithm alg, Integer publishAheadSeconds, Integer retireAfterSeconds)
        implements Validatable {

    public static final int DEFAULT_PUBLISH_AHEAD_SECONDS = 3600;
    public static final int DEFAULT_RETIRE_AFTER_SECONDS = 86400;

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .required("/alg", alg)
                .range("/publishAheadSeconds", publishAheadSeconds, 0, 604_800)
                .range("/retireAfterSeconds", retireAfterSeconds, 300, 7_776_000)
                .errors();
    }
}
