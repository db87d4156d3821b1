package org.yimatong.hub.lists.ingest;

/** What the ingest route takes in: who sends which batch, and its body as it arrives (HTTP, file or daily pull). */
public record IncomingBatch(BatchUpload upload, BatchBody body) {}
