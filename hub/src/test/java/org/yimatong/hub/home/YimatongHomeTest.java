package org.yimatong.hub.home;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets a hub makes for itself are owner-only from the first byte, and made once. */
class YimatongHomeTest {

    @TempDir
    Path temp;

    @Test
    void aSecretIsCreatedOwnerOnlyInAnOwnerOnlyFolderAndThenReadBack() throws Exception {
        Path home = temp.resolve("home");

        String first = YimatongHome.secret(home, "master.key", "ymt.keys.master-key");
        String again = YimatongHome.secret(home, "master.key", "ymt.keys.master-key");

        assertEquals(first, again);
        assertEquals(44, first.length(), "32 bytes in base64");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(
                "master.key"))));
        try (var files = Files.list(home)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}
