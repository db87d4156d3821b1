package org.yimatong.hub.lists.ingest;

import java.io.InputStream;

/** A batch body as it arrives: the raw stream, whether it is gzip-compressed, its length if known (or -1). */
public record BatchBody(InputStream raw, boolean gzip, long length) {}
