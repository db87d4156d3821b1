package org.yimatong.hub.venues;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What a refused code (a dynamic code scanned as a venue, a venue code past its exp, a string no dialect claims, ...)
 * may leave behind: nothing stored, nothing sent. Taken just before the request ({@link #before}), checked after it
 * ({@link #nothingStoredOrSent}):
 * <ul>
 * <li><b>stored</b>: no {@code venue_scan} row anywhere (the table counted whole: only an accepted scan inserts one);
 * of the audit events written since, of verifications, venue scans and disclosures, every one is a refusal
 * ({@code PROBLEM:<slug>}), none an answer, an accepted or delivered scan or a disclosure, and none names a subject
 * (REQ-AUD-1 audits the refusal itself, nothing more);</li>
 * <li><b>sent</b>: no request reached any node of the fake federation (every member platform and the parent hub are
 * the one WireMock server) with the code anywhere in its body, and no verification, venue scan or SOAP call reached
 * any node, however long delivery after the answer would take (watched for a moment after the answer).</li>
 * </ul>
 * Background work (key fetches, list pulls, callbacks still owed to earlier tests) may reach the federation meanwhile,
 * so other requests are not counted.
 */
public final class NoTrace {

    /** How long after the answer nothing may be sent yet (a scan is delivered after it is answered). */
    private static final Duration WATCHED = Duration.ofMillis(400);
    private static final List<RequestPatternBuilder> CALLS_CARRYING_CODES = List.of(
            postRequestedFor(urlMatching(".*/verifications")), postRequestedFor(urlMatching(".*/venue-scans")),
            postRequestedFor(urlMatching(".*/services/.*")));

    private final Pool pool;
    private final WireMockServer wm;
    /** Each audit chain's last event before the request (by sequence: an event's time is the hub's clock's). */
    private final Map<String, Long> audited;
    private final long venueScans;
    private final List<Integer> calls;

    private NoTrace(Pool pool, WireMockServer wm) {
        this.pool = pool;
        this.wm = wm;
        this.venueScans = venueScans(pool);
        this.calls = calls(wm);
        this.audited = auditChainHeads(pool);
    }

    /** The state before a request that is to be refused. */
    public static NoTrace before(Pool pool, WireMockServer wm) {
        return new NoTrace(pool, wm);
    }

    /** Nothing stored and nothing sent since {@link #before}; {@code code} is what the refused request carried. */
    public void nothingStoredOrSent(String code) {
        // still nothing sent a moment after the answer: a scan is delivered after it is answered
        try {
            Awaitility.await("nothing sent").during(WATCHED).atMost(WATCHED.plusSeconds(1)).until(() -> sent(code) == 0
                    && calls.equals(calls(wm)));
        } catch (ConditionTimeoutException somethingWasSent) {
            // the assertions below say what
        }
        assertEquals(venueScans, venueScans(pool), "a refused request stored a venue scan");
        for (Row event : auditEventsSince()) {
            String what = event.getString("action") + " " + event.getString("outcome") + " (target "
                    + event.getString("target") + ")";
            assertEquals(true, event.getString("outcome").startsWith("PROBLEM:"),
                    "a refused request left an audit event other than its refusal: " + what);
            assertEquals(null, event.getString("subject"), "a refused request audited a subject: " + what);
        }
        assertEquals(0, sent(code), "the refused code reached a node of the federation");
        assertEquals(calls, calls(wm), "a verification, venue scan or SOAP call left the hub (patterns "
                + CALLS_CARRYING_CODES.stream().map(p -> p.build().getUrlMatcher().toString()).toList() + ")");
    }

    /** How many requests to any node carried {@code code} in their body. */
    private int sent(String code) {
        return wm.countRequestsMatching(anyRequestedFor(anyUrl()).withRequestBody(containing(code)).build())
                .getCount();
    }

    /** The events of verifications, venue scans and disclosures audited since {@link #before}, in any chain. */
    private List<Row> auditEventsSince() {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("select action, outcome, subject, target from audit_event where action in"
                + " ('VERIFICATION', 'VENUE_SCAN', 'DISCLOSURE') and seq > coalesce((select h.seq from unnest($1::text[],"
                + " $2::bigint[]) as h(chain_id, seq) where h.chain_id = audit_event.chain_id), 0)")
                .execute(Tuple.tuple(List.of(audited.keySet().toArray(String[]::new), audited.values().toArray(
                        Long[]::new))))
                .await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    private static Map<String, Long> auditChainHeads(Pool pool) {
        Map<String, Long> heads = new LinkedHashMap<>();
        pool.query("select chain_id, max(seq) from audit_event group by chain_id").execute().await().atMost(Duration
                .ofSeconds(5)).forEach(row -> heads.put(row.getString(0), row.getLong(1)));
        return heads;
    }

    private static long venueScans(Pool pool) {
        return pool.query("select count(*) from venue_scan").execute().await().atMost(Duration.ofSeconds(5))
                .iterator().next().getLong(0);
    }

    private static List<Integer> calls(WireMockServer wm) {
        return CALLS_CARRYING_CODES.stream().map(p -> wm.countRequestsMatching(p.build()).getCount()).toList();
    }
}
