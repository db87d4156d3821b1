package org.yimatong.hub.lists;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.database.GroupCommit;
import org.yimatong.schemas.dictionary.Colour;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A subject's current listing, as green lookups and the verification merge read it: the most severe live entry
 * over all members' lists (RED before YELLOW, then the latest {@code until}). An entry past its {@code until}
 * no longer counts, even before retention removes it. Lookups of concurrent requests are read together, one
 * indexed query per batch ({@link GroupCommit}): the list state of a 10 M-entry federation does not fit the hot
 * path's memory, and one round trip per request is what limited throughput. A subject on no list, as
 * {@link ListedSubjects} knows without the database, is answered at once.
 */
@ApplicationScoped
public class ListStateLookup {

    private static final int MAX_BATCH = 256;
    private static final String MOST_SEVERE = "select distinct on (sub) sub, member, col, until from list_entry"
            + " where sub = any($1::text[]) and until > $2 order by sub, (col = 'RED') desc, until desc";

    /** Where a subject is listed: by whom, in which colour, until when. */
    public record Listed(String member, Colour colour, Instant until) {}

    private final Pool pool;
    private final Clock clock;
    private final ListedSubjects listed;
    private final GroupCommit<String, Optional<Listed>> lookups = new GroupCommit<>("list-state lookups", MAX_BATCH,
            this::read);

    public ListStateLookup(Pool pool, Clock clock, ListedSubjects listed) {
        this.pool = pool;
        this.clock = clock;
        this.listed = listed;
    }

    public Uni<Optional<Listed>> listingOf(String sub) {
        if (!listed.mayBeListed(sub)) {
            return Uni.createFrom().item(Optional.empty());
        }
        return lookups.submit(sub);
    }

    private Uni<List<Optional<Listed>>> read(List<String> subs) {
        String[] distinct = subs.stream().distinct().toArray(String[]::new);
        return pool.preparedQuery(MOST_SEVERE).execute(Tuple.of(distinct, clock.instant().atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Map<String, Listed> listed = new HashMap<>();
                    for (Row row : rows) {
                        listed.put(row.getString("sub"), new Listed(row.getString("member"),
                                Colour.valueOf(row.getString("col")), row.getOffsetDateTime("until").toInstant()));
                    }
                    return subs.stream().map(sub -> Optional.ofNullable(listed.get(sub))).toList();
                });
    }
}
