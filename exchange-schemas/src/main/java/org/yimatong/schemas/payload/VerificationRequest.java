package org.yimatong.schemas.payload;

import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/verifications} (DESIGN.md §6); schema {@code verification-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationRequest(String code, Checkpoint checkpoint, String purpose) implements Validatable {

    /** Where the code was scanned. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Checkpoint(String id, String region, String kind) {}

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .requiredMatching("/code", code, Patterns.CODE)
                .length("/code", code, 16, 4096);
        if (c.present("/checkpoint", checkpoint)) {
            c.requiredMatching("/checkpoint/id", checkpoint.id(), Patterns.CHECKPOINT_ID)
                    .requiredMatching("/checkpoint/region", checkpoint.region(), Patterns.REGION_CODE)
                    .requiredMatching("/checkpoint/kind", checkpoint.kind(), Patterns.CHECKPOINT_KIND);
        }
        return c.requiredMatching("/purpose", purpose, Patterns.PURPOSE).errors();
    }

    /** Never print a code: it is a bearer credential for its minute. */
    @Override
    public String toString() {
        return "VerificationRequest[code=<" + (code == null ? 0 : code.length()) + " chars>, checkpoint="
                + checkpoint + ", purpose=" + purpose + "]";
    }
}
