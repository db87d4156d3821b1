package org.yimatong.hub.lists.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads NDJSON lines with a bound on each line's length, so a body without newlines cannot fill the heap.
 * A line longer than the bound is returned as {@link #TOO_LONG}; {@code \r\n} endings are accepted.
 */
final class LineReader {

    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final byte[] line;
    private int position;
    private int limit;

    LineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.line = new byte[maxLineBytes];
    }

    /** The next line without its terminator, {@link #TOO_LONG}, or {@code null} at the end of the stream. */
    String next() throws IOException {
        int length = 0;
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(length, overflow) : null;
                }
            }
            byte b = buffer[position++];
            any = true;
            if (b == '\n') {
                return finish(length, overflow);
            }
            if (length < line.length) {
                line[length++] = b;
            } else {
                overflow = true;
            }
        }
    }

    private String finish(int length, boolean overflow) {
        if (overflow) {
            return TOO_LONG;
        }
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return new String(line, 0, length, StandardCharsets.UTF_8);
    }
}
