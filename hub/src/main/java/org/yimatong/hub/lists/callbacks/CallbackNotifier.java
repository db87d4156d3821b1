package org.yimatong.hub.lists.callbacks;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.camel.ProducerTemplate;
import org.jboss.logging.Logger;
import org.yimatong.hub.lists.ListChangesRecorded;
import org.yimatong.schemas.payload.ListChangeNotification;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * After a commit that appended changes, hands one notification per interested subscription to the callback
 * route (a subscription with region prefixes only hears of changes in those regions). Does not wait for the
 * deliveries: the route retries on its own.
 */
@ApplicationScoped
public class CallbackNotifier {

    private static final Logger LOG = Logger.getLogger(CallbackNotifier.class);
    private static final String INTERESTED = "select s.id, s.callback_url from list_subscription s"
            + " where cardinality(s.region_prefixes) = 0 or exists (select 1 from list_change c"
            + " where c.seq between $1 and $2 and exists (select 1 from unnest(s.region_prefixes) p"
            + " where c.rgn like p || '%'))";

    private final Pool pool;
    private final ProducerTemplate producer;
    private final Clock clock;

    public CallbackNotifier(Pool pool, ProducerTemplate producer, Clock clock) {
        this.pool = pool;
        this.producer = producer;
        this.clock = clock;
    }

    void changesRecorded(@Observes ListChangesRecorded recorded) {
        pool.preparedQuery(INTERESTED).execute(Tuple.of(recorded.fromSeq(), recorded.toSeq()))
                .subscribe().with(rows -> {
                    for (Row row : rows) {
                        ListChangeNotification notification = new ListChangeNotification(row.getString("id"),
                                recorded.toSeq(), clock.instant());
                        producer.asyncRequestBodyAndHeaders(CallbackRoutes.ENDPOINT, notification,
                                Map.of(CallbackRoutes.URL_HEADER, row.getString("callback_url"),
                                        CallbackRoutes.SUBSCRIPTION_HEADER, row.getString("id")));
                    }
                }, failure -> LOG.warnf(failure, "Could not find the subscriptions to call back for changes %d..%d",
                        recorded.fromSeq(), recorded.toSeq()));
    }
}
