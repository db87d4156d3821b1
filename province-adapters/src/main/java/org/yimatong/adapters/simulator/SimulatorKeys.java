package org.yimatong.adapters.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.yimatong.schemas.crypto.Jwk;
import org.yimatong.schemas.crypto.SignatureProfile;

/** The simulator's one signing key: read from a private JWK file, or made (and written there, owner-only). */
final class SimulatorKeys {

    private SimulatorKeys() {
    }

    /**
     * @param file the private JWK file, or {@code null} for a key of this run only
     * @throws IllegalArgumentException if the file holds a public key or a key of another profile
     */
    static Jwk loadOrCreate(Path file, SignatureProfile profile) throws IOException {
        if (file != null && Files.exists(file)) {
            Jwk key = Jwk.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.hasPrivateKey()) {
                throw new IllegalArgumentException(file + " holds no private key (d)");
            }
            if (key.profile() != profile) {
                throw new IllegalArgumentException(file + " holds a " + key.profile().joseName() + " key, not "
                        + profile.joseName());
            }
            return key;
        }
        Jwk key = Jwk.generate(profile);
        if (file != null) {
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
        }
        return key;
    }
}
