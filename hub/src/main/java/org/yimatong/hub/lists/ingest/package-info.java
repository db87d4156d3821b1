/**
 * Daily batch ingest (REQ-LIST-2..5, 9): the one streaming path (COPY into staging, canonical digest, signature,
 * set-based diff) and its two doors, {@code POST /v1/lists/batches} and the file drop route.
 */
package org.yimatong.hub.lists.ingest;
