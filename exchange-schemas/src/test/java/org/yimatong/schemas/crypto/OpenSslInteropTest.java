package org.yimatong.schemas.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * REQ-CRYPTO-1: our SM2 signatures verify with OpenSSL 3 and OpenSSL's verify with ours, keys exchanged as
 * PEM. Skipped only when no {@code openssl} binary exists on a developer's machine; failed in CI ({@link OpenSslBinary}).
 */
class OpenSslInteropTest {

    private static final String DISTID = "distid:" + SignatureProfile.SM2_DEFAULT_ID;
    private static final byte[] MESSAGE = "eyJ0eXAiOiJ5bXQtY29kZStqd3QifQ.eyJpc3MiOiJ5bXQifQ"
            .getBytes(StandardCharsets.US_ASCII);

    private static Path openssl;

    @TempDir
    Path dir;

    @BeforeAll
    static void findOpenssl() {
        openssl = OpenSslBinary.require();
    }

    @Test
    void ourSm2SignatureVerifiesWithOpenssl() throws Exception {
        // given our key as PEM and our signature in DER
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        Path pub = write("pub.pem", KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        Path msg = write("msg", MESSAGE);
        Path sig = write("sig.der", SignatureProfile.SM2.toDer(key.sign(MESSAGE)));

        // when
        Result result = run("pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID, "-pubin",
                "-inkey", pub.toString(), "-in", msg.toString(), "-sigfile", sig.toString());

        // then
        assertEquals(0, result.exit(), result.output());
        assertTrue(result.output().contains("Signature Verified Successfully"), result.output());
    }

    @Test
    void opensslRefusesOurSm2SignatureOverOtherBytes() throws Exception {
        // given a signature over MESSAGE, presented with a different message
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        Path pub = write("pub.pem", KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        Path msg = write("msg", "something else".getBytes(StandardCharsets.US_ASCII));
        Path sig = write("sig.der", SignatureProfile.SM2.toDer(key.sign(MESSAGE)));

        // when
        Result result = run("pkeyutl", "-verify", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID, "-pubin",
                "-inkey", pub.toString(), "-in", msg.toString(), "-sigfile", sig.toString());

        // then
        assertNotEquals(0, result.exit(), result.output());
    }

    @Test
    void opensslSm2SignatureVerifiesWithOurs() throws Exception {
        // given a key generated and used by OpenSSL
        Path keyPem = dir.resolve("key.pem");
        Path pubPem = dir.resolve("pub.pem");
        Path msg = write("msg", MESSAGE);
        Path sig = dir.resolve("sig.der");
        assertEquals(0, run("genpkey", "-algorithm", "SM2", "-out", keyPem.toString()).exit());
        assertEquals(0, run("pkey", "-in", keyPem.toString(), "-pubout", "-out", pubPem.toString()).exit());
        Result signed = run("pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID, "-inkey",
                keyPem.toString(), "-in", msg.toString(), "-out", sig.toString());
        assertEquals(0, signed.exit(), signed.output());

        // when we import its public key and convert its signature
        Jwk pub = KeyPem.parsePem(Files.readString(pubPem));
        byte[] raw = SignatureProfile.SM2.fromDer(Files.readAllBytes(sig));

        // then
        assertEquals(SignatureProfile.SM2, pub.profile());
        assertTrue(pub.verify(MESSAGE, raw));
        assertFalse(pub.verify("other".getBytes(StandardCharsets.US_ASCII), raw));
    }

    @Test
    void opensslSignsWithOurSm2PrivateKeyPemAndWeVerify() throws Exception {
        // given our private key as PKCS#8 PEM
        Jwk key = Jwk.generate(SignatureProfile.SM2);
        Path keyPem = write("key.pem", KeyPem.privateKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        Path msg = write("msg", MESSAGE);
        Path sig = dir.resolve("sig.der");

        // when OpenSSL signs with it
        Result signed = run("pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-pkeyopt", DISTID, "-inkey",
                keyPem.toString(), "-in", msg.toString(), "-out", sig.toString());

        // then
        assertEquals(0, signed.exit(), signed.output());
        assertTrue(key.verify(MESSAGE, SignatureProfile.SM2.fromDer(Files.readAllBytes(sig))));
    }

    @Test
    void ourEd25519SignatureVerifiesWithOpenssl() throws Exception {
        // given
        Jwk key = Jwk.generate(SignatureProfile.EDDSA);
        Path pub = write("pub.pem", KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        Path msg = write("msg", MESSAGE);
        Path sig = write("sig", key.sign(MESSAGE));

        // when
        Result result = run("pkeyutl", "-verify", "-rawin", "-pubin", "-inkey", pub.toString(), "-in",
                msg.toString(), "-sigfile", sig.toString());

        // then
        assertEquals(0, result.exit(), result.output());
    }

    @Test
    void ourEs256SignatureVerifiesWithOpenssl() throws Exception {
        // given
        Jwk key = Jwk.generate(SignatureProfile.ES256);
        Path pub = write("pub.pem", KeyPem.publicKeyPem(key).getBytes(StandardCharsets.US_ASCII));
        Path msg = write("msg", MESSAGE);
        Path sig = write("sig.der", SignatureProfile.ES256.toDer(key.sign(MESSAGE)));

        // when
        Result result = run("dgst", "-sha256", "-verify", pub.toString(), "-signature", sig.toString(),
                msg.toString());

        // then
        assertEquals(0, result.exit(), result.output());
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private record Result(int exit, String output) {}

    private Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(openssl.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("openssl did not finish in 20 s: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output);
    }
}
