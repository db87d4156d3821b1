package org.yimatong.schemas.payload;

import java.time.Instant;

import org.yimatong.schemas.batch.BatchManifest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/lists/batches/{tag}/provenance} (REQ-LIST-8); schema {@code batch-provenance.json}. A receiver
 * verifies {@code signature} over the RFC 8785 form of {@code manifest} with the uploader's key {@code kid}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchProvenance(BatchManifest manifest, String signature, SignatureAlgorithm alg, String kid,
        Instant receivedAt) {}
