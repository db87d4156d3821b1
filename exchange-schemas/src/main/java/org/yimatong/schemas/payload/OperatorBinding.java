package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code PUT /v1/admin/departments/{id}/operators/{operator}} (REQ-LOA-3); schema {@code operator-binding.json}.
 * {@code department}, {@code operator} and {@code boundAt} are set by the hub from the path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorBinding(String department, String operator, String legalPersonId, String requiredAcr,
        Instant validUntil, Instant boundAt) implements Validatable {

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .matches("/department", department, Patterns.CLIENT_ID)
                .matches("/operator", operator, Patterns.OPERATOR)
                .requiredMatching("/legalPersonId", legalPersonId, Patterns.LEGAL_PERSON_ID)
                .requiredMatching("/requiredAcr", requiredAcr, Patterns.ACR)
                .errors();
    }
}
