package org.yimatong.hub.lists;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.schemas.dictionary.Colour;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A subject's current listing, as green lookups and the verification merge read it: the most severe live entry
 * over all members' lists (RED before YELLOW, then the latest {@code until}). An entry past its {@code until}
 * no longer counts, even before retention removes it. One indexed read of the reactive pool: the list state of
 * a 10 M-entry federation does not fit the hot path's memory.
 */
@ApplicationScoped
public class ListStateLookup {

    private static final String MOST_SEVERE = "select member, col, until from list_entry where sub = $1"
            + " and until > $2 order by (col = 'RED') desc, until desc limit 1";

    /** Where a subject is listed: by whom, in which colour, until when. */
    public record Listed(String member, Colour colour, Instant until) {
    }

    private final Pool pool;
    private final Clock clock;

    public ListStateLookup(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<Optional<Listed>> listingOf(String sub) {
        return pool.preparedQuery(MOST_SEVERE).execute(Tuple.of(sub, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Listed(row.getString("member"), Colour.valueOf(row.getString("col")),
                            row.getOffsetDateTime("until").toInstant()));
                });
    }
}
