package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Result of a key rotation; schema {@code key-rotation-result.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyRotationResult(String kid, SignatureAlgorithm alg, Instant publishedAt, Instant activatesAt,
        String previousKid, Instant previousRetiresAt) {}
