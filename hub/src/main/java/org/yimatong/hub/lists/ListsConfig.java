package org.yimatong.hub.lists;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the red/yellow lists ({@code ymt.lists.*}). */
@ConfigMapping(prefix = "ymt.lists")
public interface ListsConfig {

    /** The largest batch, in bytes after decompression; a larger one is refused with 413 and nothing is stored. */
    @WithDefault("4294967296")
    long maxBatchBytes();

    /**
     * The most lines a batch may have (a province's red and yellow lists are far shorter); past it the upload is
     * refused with 413 as soon as the line is read, and nothing is stored.
     */
    @WithDefault("20000000")
    long maxBatchLines();

    /** Free space the database's disk must have for a batch to be staged (see {@code StagingSpace}). */
    @WithDefault("1073741824")
    long stagingMinFreeBytes();

    /** How many bad lines a refused batch names; the total count is always given. */
    @WithDefault("1000")
    int maxReportedErrors();

    /** How often a running ingest logs its progress. */
    @WithDefault("5s")
    Duration progressLogInterval();

    /** How long a green lookup answer from list state may be relied on. */
    @WithDefault("1h")
    Duration greenValidity();

    /** How long an entry stays after its {@code until} before retention removes it. */
    @WithDefault("1d")
    Duration entryGrace();

    /** How long change rows and stored batches are kept. */
    @WithDefault("30d")
    Duration changeRetention();

    /** How long before its epoch starts the next epoch's list key is handed out (REQ-LIST-11). */
    @WithDefault("5d")
    Duration nextKeyLead();

    Drop drop();

    Replication replication();

    /** Lists replicated through the tree (REQ-LIST-12): batches relayed up, the parent's feed followed down. */
    interface Replication {
        /** How often batches waiting for the parent are sent and the parent's feed is read, or {@code off}. */
        @WithDefault("1s")
        String every();

        /** Changes read from the parent's feed per page. */
        @WithDefault("1000")
        int pageSize();

        /** The longest a batch relayed to the parent may take (a million entries take seconds). */
        @WithDefault("10m")
        Duration timeout();
    }

    Callbacks callbacks();

    Retention retention();

    Pull pull();

    interface Pull {
        /**
         * Quartz-style cron (China time) of the daily pull of lists that native members publish as files
         * (csv-list), or {@code off}.
         */
        @WithDefault("0 20 0 * * ?")
        String cron();
    }

    interface Retention {
        /** Quartz-style cron of the purge, or {@code off}. */
        @WithDefault("0 30 3 * * ?")
        String cron();
    }

    interface Drop {
        /**
         * Root of the file drop: {@code inbox/<member>/<day>.ndjson} + {@code .sig}, then {@code done/} or
         * {@code error/}. Default: {@code lists-drop} in the hub's home folder ({@code YMT_HOME}).
         */
        Optional<String> dir();

        /** Time between polls of the inbox. */
        @WithDefault("5s")
        Duration pollDelay();

        /**
         * How long an instance's claim on a dropped file holds: a file whose instance died while ingesting it is
         * taken by another after this. Longer than the longest ingest (10 million entries take about 3 minutes).
         */
        @WithDefault("30m")
        Duration claim();
    }

    interface Callbacks {
        /** The most list-change subscriptions one member may hold. */
        @WithDefault("10")
        int maxSubscriptions();

        @WithDefault("8")
        int maxRedeliveries();

        @WithDefault("1s")
        Duration redeliveryDelay();

        @WithDefault("2")
        double backOffMultiplier();

        @WithDefault("5m")
        Duration maxRedeliveryDelay();

        @WithDefault("5s")
        Duration timeout();

        /**
         * How often each instance takes over the notifications still owed after {@link #claim()}: those whose
         * instance died, or whose redeliveries ran out ({@code off} to stop).
         */
        @WithDefault("30s")
        String sweepEvery();

        /** How long an owed notification is left to the instance delivering it before another may take it over. */
        @WithDefault("15m")
        Duration claim();
    }
}
