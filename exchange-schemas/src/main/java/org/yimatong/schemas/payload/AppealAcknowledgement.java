package org.yimatong.schemas.payload;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A home platform's receipt for an appeal it took in; schema {@code appeal-acknowledgement.json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppealAcknowledgement(String homeReference, Instant receivedAt) {}
