package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/revocations}: revoke a code or a hub token by jti; schema {@code revocation-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RevocationRequest(Kind kind, String jti, String issuer, Instant expiresAt, String reason)
        implements Validatable {

    public enum Kind {
        CODE, TOKEN
    }

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .required("/kind", kind)
                .requiredMatching("/jti", jti, Patterns.JTI)
                .requiredMatching("/issuer", issuer, Patterns.ENTITY_ID)
                .required("/expiresAt", expiresAt)
                .matches("/reason", reason, Patterns.REASON_WORD)
                .errors();
    }
}
