package org.yimatong.conformance.counterpart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;
import org.yimatong.schemas.problem.ProblemException;

/** Private keys kept as one private JWK JSON file ({@code {"kty":..,"crv":..,"x":..,"y":..,"d":..,"kid":..}}). */
public final class KeyFiles {

    private KeyFiles() {
    }

    /**
     * The key in {@code file}; if the file does not exist, a new key of {@code profile} written there (owner-only
     * permissions where the file system has them).
     *
     * @throws IOException if the file cannot be read or written, or holds no private JWK
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
            return key;
        }
        Jwk key = Jwk.generate(profile);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, key.toPrivateJson().toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: left as created
        }
        return key;
    }
}
