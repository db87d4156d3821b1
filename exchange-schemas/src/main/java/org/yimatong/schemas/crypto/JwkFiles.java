package org.yimatong.schemas.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.yimatong.schemas.problem.ProblemException;

/**
 * A signing key kept as one private JWK JSON file ({@code {"kty":..,"crv":..,"x":..,"y":..,"d":..,"kid":..}}), as the
 * member simulator, the conformance runner and its counterpart keep theirs.
 */
public final class JwkFiles {

    private JwkFiles() {
    }

    /**
     * The key in {@code file}; if the file does not exist, a new key of {@code profile}, written there first to a
     * temporary file with owner-only permissions (where the file system has them) and then moved into place, so a
     * half-written or world-readable private key is never seen.
     *
     * @throws IOException if the file cannot be read or written, holds no private JWK, or a key of another profile
     */
    public static Jwk loadOrCreate(Path file, SignatureProfile profile) throws IOException {
        if (Files.exists(file)) {
            Jwk key;
            try {
                key = Jwk.parse(Files.readString(file, StandardCharsets.UTF_8));
            } catch (ProblemException | IllegalArgumentException e) {
                throw new IOException(file + " is not a JWK: " + e.getMessage());
            }
            if (!key.hasPrivateKey()) {
                throw new IOException(file + " holds a public JWK; a private one (with d) is needed to sign");
            }
            if (key.profile() != profile) {
                throw new IOException(file + " holds a " + key.profile().joseName() + " key, not " + profile
                        .joseName());
            }
            return key;
        }
        Jwk key = Jwk.generate(profile);
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, ".jwk", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions stay
        }
        Files.writeString(tmp, key.toPrivateJson().toPrettyString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return key;
    }
}
