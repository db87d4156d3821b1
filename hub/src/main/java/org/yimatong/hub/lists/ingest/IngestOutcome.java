package org.yimatong.hub.lists.ingest;

import org.yimatong.schemas.payload.BatchReceipt;

/** A stored batch's receipt; {@code replay} when the same tag and digest had been stored before. */
public record IngestOutcome(BatchReceipt receipt, boolean replay) {}
