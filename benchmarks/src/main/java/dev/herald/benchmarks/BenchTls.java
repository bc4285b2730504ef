package dev.herald.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate of the HTTPS sinks: one self-signed P-256 certificate made by the JDK's keytool, as an operator
 * would make one, naming every sink address ({@code ip:127.0.x.y}), so the sender checks host names as it does in
 * production. An EC key, because a TLS server signs each full handshake with it, and an RSA-2048 signature would cost
 * the sinks (which share the cores with the sender being measured) as much as one delivery costs the sender.
 *
 * <p>Files in {@code dir}: {@code sinks.p12} (the key, for the sinks), {@code trust.p12} (the certificate alone, for
 * Herald's JVM: {@link #trusting(Path)}) and {@code sinks.pem} (for Node's {@code NODE_EXTRA_CA_CERTS}).
 */
final class BenchTls {
    private static final char[] PASSWORD = "changeit".toCharArray();

    private BenchTls() {}

    /** Makes the certificate for {@code addresses} in {@code dir}. */
    static void create(Path dir, List<String> addresses) throws IOException, GeneralSecurityException {
        Path keyFile = dir.resolve("sinks.p12");
        List<String> sans = new ArrayList<>();
        for (String address : addresses) {
            sans.add("ip:" + address);
        }
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "sinks",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=" + addresses.get(0),
                        "-ext",
                        "SAN=" + String.join(",", sans),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyFile.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        }
        Certificate certificate = load(keyFile).getCertificate("sinks");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("sinks", certificate);
        try (OutputStream out = Files.newOutputStream(dir.resolve("trust.p12"))) {
            trust.store(out, PASSWORD);
        }
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        Files.writeString(dir.resolve("sinks.pem"), pem, StandardCharsets.US_ASCII);
    }

    /** The sinks' server context, from {@link #create}'s {@code sinks.p12} in {@code dir}. */
    static SSLContext serving(Path dir) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(dir.resolve("sinks.p12")), PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    /** A client context that trusts the sinks' certificate ({@code trust.p12} in {@code dir}) and nothing else. */
    static SSLContext trusting(Path dir) throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(dir.resolve("trust.p12")));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD);
        }
        return store;
    }
}
