package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the hub posts to a subscription's callback URL; schema {@code list-change-notification.json}. It carries
 * no list data: the receiver pulls {@code /v1/lists/changes} with its own cursor.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListChangeNotification(String subscriptionId, long latestSeq, Instant notifiedAt) {}
