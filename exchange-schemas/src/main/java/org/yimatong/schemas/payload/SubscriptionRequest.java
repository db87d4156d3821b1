package org.yimatong.schemas.payload;

import java.net.URI;
import java.util.List;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Patterns;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code POST /v1/lists/subscriptions}; schema {@code subscription-request.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionRequest(URI callbackUrl, List<String> regionPrefixes) implements Validatable {

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start();
        if (c.present("/callbackUrl", callbackUrl)) {
            c.httpsOrLoopback("/callbackUrl", callbackUrl)
                    .length("/callbackUrl", callbackUrl.toString(), 1, 2048);
        }
        return c.eachMatches("/regionPrefixes", regionPrefixes, Patterns.REGION_PREFIX).errors();
    }
}
