package org.yimatong.hub.home;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * The hub's local folder: {@code YMT_HOME}, else {@code ~/.yimatong}. It holds the embedded database
 * and the secrets a single-machine hub makes for itself when none is configured.
 */
public final class YimatongHome {

    private static final Logger LOG = Logger.getLogger(YimatongHome.class);

    private YimatongHome() {
    }

    public static Path path() {
        return path(System.getenv());
    }

    public static Path path(Map<String, String> env) {
        String home = env.get("YMT_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return Path.of(System.getProperty("user.home"), ".yimatong");
    }

    /**
     * A 32-byte random secret in base64, read from {@code fileName} in the home folder, or created there on first
     * use. {@code property} names the configuration that replaces it. The folder is created owner-only (700) and
     * the file is owner-only (600) from its first byte: it is written to a private temporary file and then linked
     * into place, which fails if another process got there first (whose secret is then read, never replaced).
     */
    public static String secret(String fileName, String property) {
        return secret(path(), fileName, property);
    }

    public static String secret(Path home, String fileName, String property) {
        Path file = home.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String created = Base64.getEncoder().encodeToString(random);
            Path dir = createPrivateDirectory(file.getParent());
            Path temp = Files.createTempFile(dir, "." + fileName, ".tmp", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(temp, created, StandardCharsets.US_ASCII);
                Files.createLink(file, temp);
            } catch (FileAlreadyExistsException another) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            } finally {
                Files.deleteIfExists(temp);
            }
            LOG.warnf("%s is not configured: created %s; configure it in production", property, file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create " + file, e);
        }
    }

    /** The folder, created owner-only (700) if it is not there yet. */
    static Path createPrivateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
        }
        return dir;
    }
}
