package org.yimatong.schemas.payload;

import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code POST /v1/appeals} and the member's appeal intake (REQ-APL-1); schema {@code appeal-request.json}. The
 * statement must not carry an ID number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppealRequest(String sub, String rgn, AppealGround ground, String statement, String batchTag)
        implements Validatable {

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .requiredMatching("/sub", sub, Patterns.SUBJECT_ID)
                .requiredMatching("/rgn", rgn, Patterns.REGION_CODE)
                .required("/ground", ground)
                .required("/statement", statement)
                .length("/statement", statement, 1, 2000)
                .noIdNumber("/statement", statement)
                .matches("/batchTag", batchTag, Patterns.BATCH_TAG)
                .errors();
    }
}
