package org.yimatong.schemas.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How the hub speaks to a member whose platform has its own native API ({@code dialect} other than {@code v1}):
 * {@code PUT /v1/admin/members/{id}/adapter}; schema {@code adapter-settings.json}. {@code secret} is written,
 * never read back: answers say {@code secretSet} instead. {@code updatedAt} is set by the hub.
 *
 * @param credentialId what the native API calls the hub (app id, app key, user); empty when it needs none
 * @param secret password or signing secret that goes with it (write only)
 * @param options dialect-specific settings, documented per dialect in province-adapters' README
 * @param timeoutMs how long one native call may take (default: the hub's member timeout)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AdapterSettings(String credentialId, String secret, Boolean secretSet, Map<String, String> options,
        Integer timeoutMs, Instant updatedAt) implements Validatable {

    private static final Pattern CREDENTIAL_ID = Pattern.compile("^[A-Za-z0-9._:@-]{0,128}$");
    private static final Pattern OPTION_NAME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9.-]{0,63}$");

    /** These settings as answers show them: the secret replaced by whether one is set. */
    public AdapterSettings withoutSecret() {
        return new AdapterSettings(credentialId, null, secret != null && !secret.isEmpty(), options, timeoutMs,
                updatedAt);
    }

    @Override
    public List<FieldError> validate() {
        FieldChecks c = FieldChecks.start()
                .matches("/credentialId", credentialId, CREDENTIAL_ID)
                .length("/secret", secret, 0, 256)
                .range("/timeoutMs", timeoutMs, 50, 30_000);
        if (options != null) {
            c.check(options.size() <= 32, "/options", "at most 32 options");
            options.forEach((name, value) -> c
                    .check(OPTION_NAME.matcher(name).matches(), "/options/" + name, "an option name is a word")
                    .check(value != null && value.length() <= 1024, "/options/" + name, "a string of at most 1024"));
        }
        return c.errors();
    }
}
