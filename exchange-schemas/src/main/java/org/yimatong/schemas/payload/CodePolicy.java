package org.yimatong.schemas.payload;

import java.time.Duration;
import java.util.List;

import org.yimatong.schemas.code.DynamicCodeCodec;
import org.yimatong.schemas.payload.validation.FieldChecks;
import org.yimatong.schemas.payload.validation.Validatable;
import org.yimatong.schemas.problem.FieldError;

/**
 * How long an issuer's dynamic codes may live (DESIGN.md §5, REQ-CODE-3), part of its member record; schema
 * {@code member.json#/properties/codePolicy}. Seconds, as every duration of the contract is a number with its unit
 * in its name ({@code publishAheadSeconds}, {@code timeoutMs}). A member without a policy issues one-minute codes.
 *
 * @param maxLifetimeSeconds longest {@code exp - iat} of its codes: 1 s to 24 h
 */
public record CodePolicy(Long maxLifetimeSeconds) implements Validatable {

    /** The lifetime of a member without a policy. */
    public static final Duration DEFAULT_MAX_LIFETIME = DynamicCodeCodec.MAX_LIFETIME;
    /** The longest any policy may allow. */
    public static final Duration LONGEST_MAX_LIFETIME = DynamicCodeCodec.LONGEST_LIFETIME;

    /** The policy allowing {@code maxLifetime}, in whole seconds. */
    public static CodePolicy of(Duration maxLifetime) {
        return new CodePolicy(maxLifetime.toSeconds());
    }

    /** The lifetime {@code policy} allows, or {@link #DEFAULT_MAX_LIFETIME} for a member without one. */
    public static Duration maxLifetimeOf(CodePolicy policy) {
        return policy == null || policy.maxLifetimeSeconds() == null ? DEFAULT_MAX_LIFETIME
                : Duration.ofSeconds(policy.maxLifetimeSeconds());
    }

    @Override
    public List<FieldError> validate() {
        return FieldChecks.start()
                .required("/maxLifetimeSeconds", maxLifetimeSeconds)
                .range("/maxLifetimeSeconds", maxLifetimeSeconds, 1, LONGEST_MAX_LIFETIME.toSeconds())
                .errors();
    }
}
