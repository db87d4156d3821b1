package org.yimatong.hub.adapters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.jboss.logging.Logger;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.hub.keys.HubKeyRing;
import org.yimatong.hub.lists.ListLocks;
import org.yimatong.hub.lists.ingest.BatchBody;
import org.yimatong.hub.lists.ingest.BatchUpload;
import org.yimatong.hub.lists.ingest.IncomingBatch;
import org.yimatong.hub.lists.ingest.IngestOutcome;
import org.yimatong.hub.lists.ingest.ListIngestRoutes;
import org.yimatong.hub.lists.keys.ListKeys;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberRegistry;
import org.yimatong.hub.routes.RouteCalls;
import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;

/**
 * Daily lists of members that publish them in a native format (csv-list): the member's adapter fetches the file
 * of a day and turns every line into a v1 entry, pseudonymised with the current list key inside the adapter, so
 * the hub's storage never sees an ID number (REQ-LIST-1); the entries then stream through the one ingest path as
 * the member's full list of that day, vouched for by the hub's key. Runs every day for every active member whose
 * dialect carries {@link Operation#DAILY_LIST} (through {@link DailyListPullRoutes}, one member's failure its own),
 * and on an operator's request. The batch tag {@code pull-<day>}
 * makes a second pull of the same file (another instance, a retry) an idempotent replay.
 */
@ApplicationScoped
public class DailyListPull {

    private static final Logger LOG = Logger.getLogger(DailyListPull.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** A bound behind the adapter's own deadlines (the file's timeout), should an adapter keep none. */
    private static final Duration DOWNLOAD_BOUND = Duration.ofMinutes(30);

    private final MemberAdapters adapters;
    private final MemberRegistry members;
    private final ListKeys listKeys;
    private final HubKeyRing hubKeys;
    private final RouteCalls routes;
    private final Clock clock;

    private final AgroalDataSource database;

    public DailyListPull(MemberAdapters adapters, MemberRegistry members, ListKeys listKeys, HubKeyRing hubKeys,
            RouteCalls routes, Clock clock, AgroalDataSource database) {
        this.database = database;
        this.adapters = adapters;
        this.members = members;
        this.listKeys = listKeys;
        this.hubKeys = hubKeys;
        this.routes = routes;
        this.clock = clock;
    }

    public static String defaultTag(LocalDate day) {
        return "pull-" + day;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(CHINA));
    }

    /** One member's list of one day, as the schedule asks for it. */
    public record DailyPull(String member, LocalDate day, String batchTag) {}

    @Scheduled(identity = "daily-list-pull", cron = "{ymt.lists.pull.cron}", timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() throws SQLException {
        // one instance of the cluster pulls: the others find the lock taken and leave the files to it (a late
        // instance finds each day's batch stored and takes it as a replay)
        try (Connection lock = database.getConnection()) {
            lock.setAutoCommit(false);
            if (!ListLocks.tryLock(lock, ListLocks.DAILY_PULL)) {
                LOG.info("Daily list pulls: another instance is pulling");
                return;
            }
            pullAll();
            lock.rollback();
        }
    }

    private void pullAll() {
        LocalDate day = today();
        List<DailyPull> pulls = members.all().stream()
                .map(Member::entityId)
                .filter(id -> adapters.adapter(id, Operation.DAILY_LIST).isPresent())
                .map(id -> new DailyPull(id, day, defaultTag(day)))
                .toList();
        routes.requestBlocking(DailyListPullRoutes.PULL_ALL, pulls, Object.class);
    }

    /** A route step: the {@link DailyPull} in the body becomes its ingest outcome, logged either way. */
    void pullOne(Exchange exchange) {
        DailyPull wanted = exchange.getMessage().getBody(DailyPull.class);
        try {
            IngestOutcome outcome = pull(wanted.member(), wanted.day(), wanted.batchTag());
            LOG.infof("Daily list of %s for %s: %d entries%s", wanted.member(), wanted.day(),
                    outcome.receipt().count(), outcome.replay() ? " (already stored)" : "");
            exchange.getMessage().setBody(outcome);
        } catch (ProblemException e) {
            // one member's failure is its own: the others are pulled all the same
            LOG.warnf("Daily list of %s for %s not taken in: %s", wanted.member(), wanted.day(), e.getMessage());
        }
    }

    /**
     * Fetches, converts and ingests the list of {@code day}. Blocks: call it on a worker thread.
     *
     * @throws ProblemException {@code not-found} for a member without a daily-list dialect, a member problem (502,
     *     504) when the native platform fails or sends lines outside its format (every bad line named, IDs masked),
     *     or any refusal of the ingest path; nothing is stored then
     */
    public IngestOutcome pull(String memberId, LocalDate day, String batchTag) {
        Member member = members.find(memberId).filter(Member::isActive).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "No active member " + memberId));
        MemberAdapter adapter = adapters.adapter(memberId, Operation.DAILY_LIST).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, memberId + " (dialect " + member.dialect()
                        + ") does not publish a daily list file"));
        String epoch = listKeys.currentEpoch();
        byte[] key = listKeys.keyBytes(epoch).await().atMost(Duration.ofSeconds(10));
        Jwk hubKey = hubKeys.signingKey();
        try (Stream<ListEntry> entries = fetch(memberId, adapter, day, key)) {
            EntryLines lines = new EntryLines(memberId, entries.iterator());
            try {
                return routes.requestBlocking(ListIngestRoutes.INGEST, new IncomingBatch(BatchUpload.convertedByHub(
                        member, batchTag, day, epoch, hubKey), new BatchBody(lines, false, -1)), IngestOutcome.class);
            } catch (ProblemException e) {
                // a native line outside the format ends the stream: that is the member's fault, named as such
                throw lines.memberProblem != null ? lines.memberProblem : e;
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static Stream<ListEntry> fetch(String memberId, MemberAdapter adapter, LocalDate day, byte[] key) {
        try {
            return adapter.dailyList(day, key).toCompletableFuture()
                    .get(DOWNLOAD_BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            throw NativeCalls.asProblem(memberId, e);
        } catch (TimeoutException e) {
            throw MemberProblem.timeout(memberId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw MemberProblem.unavailable(memberId, "interrupted", e);
        }
    }

    /** The entries as NDJSON, written as the ingest reads them; a {@link MemberProblem} ends the body. */
    private static final class EntryLines extends InputStream {

        private final String memberId;
        private final Iterator<ListEntry> entries;
        private byte[] line = new byte[0];
        private int position;
        private MemberProblem memberProblem;

        EntryLines(String memberId, Iterator<ListEntry> entries) {
            this.memberId = memberId;
            this.entries = entries;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == line.length && !nextLine()) {
                return -1;
            }
            int n = Math.min(length, line.length - position);
            System.arraycopy(line, position, buffer, offset, n);
            position += n;
            return n;
        }

        private boolean nextLine() throws IOException {
            try {
                if (!entries.hasNext()) {
                    return false;
                }
                line = (entries.next().canonicalJson() + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
                return true;
            } catch (MemberProblem e) {
                memberProblem = e;
                throw new IOException(e.getMessage(), e);
            } catch (UncheckedIOException e) {
                memberProblem = MemberProblem.unavailable(memberId, "the list download broke off", e);
                throw e.getCause();
            }
        }
    }

}
