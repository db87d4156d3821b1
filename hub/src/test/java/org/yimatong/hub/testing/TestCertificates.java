package org.yimatong.hub.testing;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A test PKI made with Bouncy Castle at start: a CA, a server certificate for localhost, a client certificate for
 * a member ({@code client.p12}) and one for the hub itself; the hub serves HTTPS with them next to plain HTTP, and
 * presents its own client certificate on https calls to members ({@code ymt.outbound.tls-configuration-name}),
 * who can serve with {@code server.p12} and trust {@code ca-trust.p12}.
 */
public class TestCertificates implements QuarkusTestResourceLifecycleManager {
    public static final String DIR_PROP = "ymt.test.tls.dir";
    public static final char[] PASSWORD = "changeit".toCharArray();

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("ymt-test-tls");
            KeyPair caKeys = ecKeys();
            X509Certificate ca = cert(new X500Name("CN=Yimatong Test CA"), caKeys, new X500Name("CN=Yimatong Test CA"),
                    caKeys, true, null);
            KeyPair serverKeys = ecKeys();
            X509Certificate server = cert(new X500Name("CN=localhost"), serverKeys, new X500Name("CN=Yimatong Test CA"),
                    caKeys, false,
                    KeyPurposeId.id_kp_serverAuth);
            KeyPair clientKeys = ecKeys();
            X509Certificate client = cert(new X500Name("CN=ymt:member:310000"), clientKeys, new X500Name(
                    "CN=Yimatong Test CA"), caKeys,
                    false, KeyPurposeId.id_kp_clientAuth);

            KeyPair hubKeys = ecKeys();
            X509Certificate hubClient = cert(new X500Name("CN=ymt:hub:test"), hubKeys, new X500Name(
                    "CN=Yimatong Test CA"), caKeys, false, KeyPurposeId.id_kp_clientAuth);

            pem(dir.resolve("ca.crt"), ca);
            pem(dir.resolve("hub-client.crt"), hubClient);
            pem(dir.resolve("hub-client.key"), hubKeys.getPrivate());
            p12(dir.resolve("server.p12"), "server", serverKeys.getPrivate(), server, ca);
            pem(dir.resolve("server.crt"), server);
            pem(dir.resolve("server.key"), serverKeys.getPrivate());
            p12(dir.resolve("client.p12"), "client", clientKeys.getPrivate(), client, ca);
            trustStore(dir.resolve("ca-trust.p12"), ca);
            // a CA of someone else's, which signed nothing the hub holds: a member trusting only it refuses the hub
            KeyPair strangerKeys = ecKeys();
            trustStore(dir.resolve("stranger-ca-trust.p12"), cert(new X500Name("CN=Some Other CA"), strangerKeys,
                    new X500Name("CN=Some Other CA"), strangerKeys, true, null));
            System.setProperty(DIR_PROP, dir.toString());
            return Map.of(
                    "quarkus.tls.outbound.key-store.pem.0.cert", dir.resolve("hub-client.crt").toString(),
                    "quarkus.tls.outbound.key-store.pem.0.key", dir.resolve("hub-client.key").toString(),
                    "quarkus.tls.outbound.trust-store.pem.certs", dir.resolve("ca.crt").toString(),
                    "ymt.outbound.tls-configuration-name", "outbound",
                    "quarkus.tls.mtls.key-store.pem.0.cert", dir.resolve("server.crt").toString(),
                    "quarkus.tls.mtls.key-store.pem.0.key", dir.resolve("server.key").toString(),
                    "quarkus.tls.mtls.trust-store.pem.certs", dir.resolve("ca.crt").toString(),
                    "quarkus.http.tls-configuration-name", "mtls",
                    "quarkus.http.insecure-requests", "enabled");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        // the temp folder holds only throwaway test keys
    }

    public static Path directory() {
        return Path.of(System.getProperty(DIR_PROP));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        return g.generateKeyPair();
    }

    private static X509Certificate cert(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
            boolean isCa,
            KeyPurposeId purpose) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()).add(BigInteger.valueOf(
                System.nanoTime() & 0xffff)),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), subject, subjectKeys
                        .getPublic());
        var ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKeys.getPublic()));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys
                .getPublic()));
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (purpose == KeyPurposeId.id_kp_serverAuth) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress,
                                "127.0.0.1") }));
            }
        }
        var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(b.build(signer));
    }

    private static void pem(Path file, Object o) throws Exception {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            // Quarkus reads PKCS#8 ("PRIVATE KEY"); JcaPEMWriter alone would write "EC PRIVATE KEY"
            w.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null)
                    : o);
        }
        Files.writeString(file, sw.toString());
    }

    private static void trustStore(Path file, X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, PASSWORD);
        }
    }

    private static void p12(Path file, String alias, PrivateKey key, X509Certificate leaf, X509Certificate ca)
            throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(alias, key, PASSWORD, new Certificate[]{ leaf, ca });
        try (OutputStream out = Files.newOutputStream(file)) {
            ks.store(out, PASSWORD);
        }
    }
}
