package org.yimatong.hub.lists.callbacks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.schemas.payload.ListChangeNotification;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * After a commit that appended changes, hands one notification per interested subscription to the callback
 * route (a subscription with region prefixes only hears of changes in those regions). Does not wait for the
 * deliveries: the route retries on its own. What is owed was recorded by the commit itself ({@code due_seq},
 * claimed by this instance until {@code ymt.lists.callbacks.claim} from then: {@code lists.CallbackDebt}), so that
 * if this instance dies, or the route gives up, {@link #sweep()} on any instance delivers it later; a delivered
 * notification is recorded by {@link #delivered}.
 */
@ApplicationScoped
public class CallbackNotifier {

    private static final Logger LOG = Logger.getLogger(CallbackNotifier.class);
    private static final String INTERESTED = "update list_subscription s set due_seq = greatest(s.due_seq, $2),"
            + " next_attempt_at = $3 where cardinality(s.region_prefixes) = 0 or exists (select 1 from list_change c"
            + " where c.seq between $1 and $2 and exists (select 1 from unnest(s.region_prefixes) p"
            + " where c.rgn like p || '%')) returning s.id, s.callback_url, s.due_seq";
    private static final String OWED = "update list_subscription s set next_attempt_at = $2 from (select id from"
            + " list_subscription where due_seq > delivered_seq and next_attempt_at <= $1 order by next_attempt_at"
            + " limit 100 for update skip locked) owed where s.id = owed.id returning s.id, s.callback_url, s.due_seq";
    private static final String DELIVERED = "update list_subscription set delivered_seq = greatest(delivered_seq, $2)"
            + " where id = $1";

    private final Pool pool;
    private final ProducerTemplate producer;
    private final Clock clock;
    private final Duration claim;

    public CallbackNotifier(Pool pool, ProducerTemplate producer, Clock clock, ListsConfig config) {
        this.pool = pool;
        this.producer = producer;
        this.clock = clock;
        this.claim = config.callbacks().claim();
    }

    void changesRecorded(@Observes ListChangesRecorded recorded) {
        pool.preparedQuery(INTERESTED).execute(Tuple.of(recorded.fromSeq(), recorded.toSeq(), at(clock.instant()
                .plus(claim)))).subscribe().with(this::send, failure -> LOG.warnf(failure,
                        "Could not record the subscriptions to call back for changes %d..%d", recorded.fromSeq(),
                        recorded.toSeq()));
    }

    @Scheduled(identity = "list-callback-sweep", every = "{ymt.lists.callbacks.sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledSweep() {
        return sweep().replaceWithVoid();
    }

    /** Takes over the notifications owed past their claim and hands them to the route again; how many. */
    public Uni<Integer> sweep() {
        Instant now = clock.instant();
        return pool.preparedQuery(OWED).execute(Tuple.of(at(now), at(now.plus(claim)))).map(rows -> {
            send(rows);
            return rows.rowCount();
        });
    }

    /** Records that the subscription acknowledged every change up to {@code seq}. */
    public Uni<Void> delivered(String subscriptionId, long seq) {
        return pool.preparedQuery(DELIVERED).execute(Tuple.of(subscriptionId, seq)).replaceWithVoid();
    }

    private void send(RowSet<Row> rows) {
        for (Row row : rows) {
            ListChangeNotification notification = new ListChangeNotification(row.getString("id"),
                    row.getLong("due_seq"), clock.instant());
            producer.asyncRequestBodyAndHeaders(CallbackRoutes.ENDPOINT, notification,
                    Map.of(CallbackRoutes.URL_HEADER, row.getString("callback_url"),
                            CallbackRoutes.SUBSCRIPTION_HEADER, row.getString("id")));
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
