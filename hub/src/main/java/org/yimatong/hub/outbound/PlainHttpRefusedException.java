package org.yimatong.hub.outbound;

import java.io.IOException;
import java.net.URI;

import org.yimatong.schemas.payload.validation.FieldChecks;

/**
 * A call to a URL that is neither https nor plain http to this machine, refused before it leaves the hub. Member
 * records are checked for the same rule when they are written ({@link FieldChecks#isHttpsOrLoopback}); checking
 * again on every call covers URLs that arrive otherwise (a hub's parent, a record stored before the rule). To its
 * callers an I/O failure, like a refused connection.
 */
public final class PlainHttpRefusedException extends IOException {

    private PlainHttpRefusedException(URI url) {
        super(url.getScheme() + "://" + url.getHost() + " is not https: the hub speaks plain http only to localhost");
    }

    /** Fails with this exception unless {@code url} may be called. */
    static void check(URI url) throws PlainHttpRefusedException {
        if (!FieldChecks.isHttpsOrLoopback(url)) {
            throw new PlainHttpRefusedException(url);
        }
    }
}
