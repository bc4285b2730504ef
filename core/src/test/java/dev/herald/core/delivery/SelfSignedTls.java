package dev.herald.core.delivery;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made by the JDK's keytool, as an operator would make one, for test servers: the TLS
 * context that serves it, and a client context that trusts it and nothing else.
 */
public final class SelfSignedTls {
    private final SSLContext server;
    private final X509Certificate certificate;

    private SelfSignedTls(SSLContext server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    /**
     * A certificate whose subject alternative names are {@code names}, in keytool's form: {@code dns:localhost},
     * {@code ip:127.0.0.2}. The first name is also the common name.
     */
    public static SelfSignedTls forNames(String... names) throws Exception {
        Path dir = Files.createTempDirectory("herald-tls");
        Path file = dir.resolve("server.p12");
        String keytool =
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String cn = names[0].substring(names[0].indexOf(':') + 1);
        Process p = new ProcessBuilder(
                        keytool,
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-validity",
                        "2",
                        "-dname",
                        "CN=" + cn,
                        "-ext",
                        "SAN=" + String.join(",", names),
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        file.toString(),
                        "-storepass",
                        "changeit",
                        "-keypass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, "changeit".toCharArray());
        }
        Files.delete(file);
        Files.delete(dir);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return new SelfSignedTls(context, (X509Certificate) store.getCertificate("server"));
    }

    /** The context a test server serves the certificate with. */
    public SSLContext serverContext() {
        return server;
    }

    /** A client context that trusts this certificate only. */
    public SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, tmf.getTrustManagers(), null);
        return c;
    }
}
