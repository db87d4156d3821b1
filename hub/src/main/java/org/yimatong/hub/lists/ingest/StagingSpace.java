package org.yimatong.hub.lists.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/**
 * Room on the database's disk before a batch is staged: a batch lands in {@code list_staging} before it is
 * checked, and the disk is shared by every member's data, so an upload is refused (503 {@code overloaded}, nothing
 * read) while less than {@code ymt.lists.staging-min-free-bytes} [1 GiB] is free where the database keeps its data.
 * The embedded database's folder is known ({@code ymt.database.data-directory}); for an external server an operator
 * sets it where that disk is mounted, or the check is skipped.
 */
@ApplicationScoped
public class StagingSpace {

    private static final Logger LOG = Logger.getLogger(StagingSpace.class);

    private final Optional<Path> dataDirectory;
    private final long minFreeBytes;

    @Inject
    public StagingSpace(@ConfigProperty(name = "ymt.database.data-directory") Optional<Path> dataDirectory,
            ListsConfig config) {
        this(dataDirectory, config.stagingMinFreeBytes());
    }

    StagingSpace(Optional<Path> dataDirectory, long minFreeBytes) {
        this.dataDirectory = dataDirectory;
        this.minFreeBytes = minFreeBytes;
    }

    /** Refuses the upload when the database's disk is nearly full. */
    void check() {
        if (dataDirectory.isEmpty()) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(dataDirectory.get()).getUsableSpace();
        } catch (IOException e) {
            LOG.warnf("Free space of %s unknown (%s): batches are staged without the check", dataDirectory.get(),
                    e.getMessage());
            return;
        }
        if (free < minFreeBytes) {
            LOG.warnf("Batch refused: %d MiB free where the database keeps its data, %d MiB needed", free >> 20,
                    minFreeBytes >> 20);
            throw new ProblemException(ProblemType.OVERLOADED, "The hub's database is short of disk space; batch"
                    + " uploads are refused until an operator makes room. Retry later", List.of());
        }
    }
}
