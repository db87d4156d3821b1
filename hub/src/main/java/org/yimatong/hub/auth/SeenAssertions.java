package org.yimatong.hub.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.yimatong.hub.database.GroupCommit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The replay cache of client assertions (RFC 7523 §3: a {@code jti} is accepted once), in PostgreSQL so every hub
 * instance shares it (REQ-HA-1), written by {@link GroupCommit} as the audit trail is: one insert per batch, and
 * each caller learns whether its own {@code jti} was new.
 */
@ApplicationScoped
public class SeenAssertions {

    private static final int MAX_BATCH = 512;
    private static final String INSERT = "insert into seen_client_assertion (issuer, jti, expires_at)"
            + " select * from unnest($1::text[], $2::text[], $3::timestamptz[]) on conflict do nothing"
            + " returning issuer, jti";

    private final Pool pool;
    private final GroupCommit<Seen, Boolean> commits = new GroupCommit<>("client assertion ids", MAX_BATCH,
            this::insert);

    public SeenAssertions(Pool pool) {
        this.pool = pool;
    }

    /** True if this is the first time {@code jti} of {@code issuer} is seen; kept until {@code forgetAfter}. */
    public Uni<Boolean> firstUse(String issuer, String jti, Instant forgetAfter) {
        return commits.submit(new Seen(new Key(issuer, jti), forgetAfter.atOffset(ZoneOffset.UTC)));
    }

    private Uni<List<Boolean>> insert(List<Seen> batch) {
        List<Seen> distinct = new ArrayList<>();
        Set<Key> keys = new HashSet<>();
        for (Seen seen : batch) {
            if (keys.add(seen.key())) {
                distinct.add(seen);
            }
        }
        String[] issuers = distinct.stream().map(s -> s.key().issuer()).toArray(String[]::new);
        String[] jtis = distinct.stream().map(s -> s.key().jti()).toArray(String[]::new);
        OffsetDateTime[] expiries = distinct.stream().map(Seen::forgetAfter).toArray(OffsetDateTime[]::new);
        return pool.preparedQuery(INSERT).execute(Tuple.of(issuers, jtis, expiries)).map(rows -> {
            Set<Key> inserted = new HashSet<>();
            for (Row row : rows) {
                inserted.add(new Key(row.getString("issuer"), row.getString("jti")));
            }
            // the same jti twice in one batch: only its first occurrence can be new
            List<Boolean> first = new ArrayList<>(batch.size());
            for (Seen seen : batch) {
                first.add(inserted.remove(seen.key()));
            }
            return first;
        });
    }

    private record Key(String issuer, String jti) {}

    private record Seen(Key key, OffsetDateTime forgetAfter) {}
}
