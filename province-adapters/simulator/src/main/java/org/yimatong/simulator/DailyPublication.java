package org.yimatong.simulator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.yimatong.schemas.batch.ListEntry;
import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.idnumber.ResidentIdNumber;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * The simulated platform's daily list: built from its residents with the list key in use, signed with its key, and
 * pushed to its hub, dropped in the hub's inbox, or both; on demand, and (with {@code --publish}) at start and every
 * midnight, China time.
 */
final class DailyPublication {

    private final SimulatorOptions options;
    private final Population population;
    private final ListKeys listKeys;
    private final Jwk key;
    private final Optional<HubClient> hub;
    private final Clock clock;
    private final Venues venues;

    DailyPublication(SimulatorOptions options, Population population, ListKeys listKeys, Jwk key,
            Optional<HubClient> hub, Clock clock, Venues venues) {
        this.options = options;
        this.population = population;
        this.listKeys = listKeys;
        this.key = key;
        this.hub = hub;
        this.clock = clock;
        this.venues = venues;
    }

    /**
     * Builds the list of {@code day} and sends it: {@code hub} (push), {@code inbox} (file drop), {@code both}, or
     * {@code none} (built and signed only).
     */
    MemberSimulator.Publication publish(String to, LocalDate day) throws IOException, InterruptedException {
        byte[] listKey = listKeys.current();
        String entityId = options.entityId();
        // visitors of its exposure sites are the platform's contacts: everyone learns of them from this batch
        List<ListEntry> contacts = venues.contacts(options.region());
        ListPublication.Batch batch = ListPublication.build(population, contacts, listKey, entityId,
                options.region(), key, day, null);
        Optional<HubClient.Upload> answer = Optional.empty();
        Optional<Path> file = Optional.empty();
        if (to.equals("hub") || to.equals("both")) {
            HubClient client = hub.orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                    "Started without --hub-url: nowhere to push"));
            answer = Optional.of(client.upload(batch, listKeys.epoch()));
        }
        if (to.equals("inbox") || to.equals("both")) {
            Path inbox = options.inbox().orElseThrow(() -> new ProblemException(ProblemType.CONFLICT,
                    "Started without --inbox: nowhere to drop"));
            ListPublication.Batch dated = ListPublication.build(population, contacts, listKey, entityId,
                    options.region(), key, day, day.toString());
            file = Optional.of(ListPublication.drop(dated, inbox, entityId));
        }
        return new MemberSimulator.Publication(batch, answer, file);
    }

    /** Publishes now, then every midnight (China time), on {@code scheduler}. */
    void scheduleOn(ScheduledExecutorService scheduler) {
        scheduler.execute(this::publishQuietly);
        scheduleNextMidnight(scheduler);
    }

    private void publishQuietly() {
        try {
            MemberSimulator.Publication p = publish(options.publish(), Population.chinaDay(clock.instant()));
            System.out.println("simulator " + options.entityId() + " published " + p.pushed().manifest().count()
                    + " entries for " + p.pushed().manifest().day()
                    + p.hubAnswer().map(a -> ", hub answered " + a.status()).orElse("")
                    + p.droppedFile().map(f -> ", dropped " + f.getFileName()).orElse(""));
        } catch (IOException | RuntimeException e) {
            System.err.println("simulator " + options.entityId() + ": publication failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scheduleNextMidnight(ScheduledExecutorService scheduler) {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(ResidentIdNumber.CHINA));
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(ResidentIdNumber.CHINA);
        long delay = Math.max(1, Duration.between(now, midnight).toMillis());
        scheduler.schedule(() -> {
            publishQuietly();
            scheduleNextMidnight(scheduler);
        }, delay, TimeUnit.MILLISECONDS);
    }
}
