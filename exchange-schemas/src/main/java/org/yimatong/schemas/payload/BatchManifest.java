package org.yimatong.schemas.payload;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

/**
 * What the uploader of a batch signs (REQ-LIST-3); schema {@code batch-manifest.json}. Its RFC 8785 form is the
 * payload of the detached JWS in {@code Ymt-Batch-Signature}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchManifest(String member, String batchTag, LocalDate day, Long count, String digest)
        implements Validatable {

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .requiredMatching("/member", member, Patterns.ENTITY_ID)
                .requiredMatching("/batchTag", batchTag, Patterns.BATCH_TAG)
                .required("/day", day)
                .required("/count", count)
                .range("/count", count, 0, Long.MAX_VALUE)
                .requiredMatching("/digest", digest, Patterns.HEX_256)
                .errors();
    }
}
