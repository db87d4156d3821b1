package org.yimatong.hub.lists.feed;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** The opaque cursor of the change feed: a change sequence value, base64url-wrapped. Never a timestamp. */
public final class ChangeCursor {

    private static final String PREFIX = "c1.";

    private ChangeCursor() {
    }

    public static String encode(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + seq).getBytes(
                StandardCharsets.US_ASCII));
    }

    /** The sequence value after which to continue; 0 for an absent cursor. */
    public static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long seq = Long.parseLong(text.substring(PREFIX.length()));
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw new ProblemException(ProblemType.VALIDATION_FAILED, "after is not a cursor this hub gave out",
                List.of(new FieldError("/query/after", "unknown cursor")));
    }
}
