package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwkFilesTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsMadeOnceOwnerOnlyAndReadBackTheSame() throws IOException {
        Path file = dir.resolve("keys/runner.jwk.json");

        Jwk made = JwkFiles.loadOrCreate(file, SignatureProfile.SM2);
        Jwk read = JwkFiles.loadOrCreate(file, SignatureProfile.SM2);

        assertTrue(made.hasPrivateKey());
        assertEquals(made.kid(), read.kid());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aPublicKeyAKeyOfAnotherProfileOrNoJwkAtAllIsRefused() throws IOException {
        Path publicOnly = Files.writeString(dir.resolve("public.json"),
                Jwk.generate(SignatureProfile.SM2).publicOnly().toJson().toString());
        Path es256 = dir.resolve("es256.json");
        JwkFiles.loadOrCreate(es256, SignatureProfile.ES256);
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "not json");

        assertThrows(IOException.class, () -> JwkFiles.loadOrCreate(publicOnly, SignatureProfile.SM2));
        assertThrows(IOException.class, () -> JwkFiles.loadOrCreate(es256, SignatureProfile.SM2));
        assertThrows(IOException.class, () -> JwkFiles.loadOrCreate(garbage, SignatureProfile.SM2));
    }
}
