package org.yimatong.schemas.payload;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A stored subscription; schema {@code subscription.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(String id, String member, URI callbackUrl, List<String> regionPrefixes,
        Instant createdAt) {}
