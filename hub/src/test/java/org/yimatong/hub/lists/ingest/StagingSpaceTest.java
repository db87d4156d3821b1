package org.yimatong.hub.lists.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

/** A batch is not staged on a database disk with less room than the bound, and a disk not known is not checked. */
class StagingSpaceTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aDiskWithLessRoomThanTheBoundRefusesUploads() {
        ProblemException refused = assertThrows(ProblemException.class,
                () -> new StagingSpace(Optional.of(dataDirectory), Long.MAX_VALUE).check());

        assertEquals(ProblemType.OVERLOADED, refused.type());
    }

    @Test
    void aDiskWithRoomOrNoKnownDiskLetsUploadsThrough() {
        assertDoesNotThrow(() -> new StagingSpace(Optional.of(dataDirectory), 1).check());
        assertDoesNotThrow(() -> new StagingSpace(Optional.empty(), Long.MAX_VALUE).check());
    }
}
