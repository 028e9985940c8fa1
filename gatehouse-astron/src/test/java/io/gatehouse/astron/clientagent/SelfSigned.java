package io.gatehouse.astron.clientagent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed EC certificate made by the JDK's keytool for a test, with its PEM files (the
 * forms astrond's config names) and the TLS contexts of a client that trusts it.
 */
final class SelfSigned {

    private static final char[] PASSWORD = "changeit".toCharArray();

    final Path certificate;
    final Path key;
    private final KeyStore store;

    private SelfSigned(Path certificate, Path key, KeyStore store) {
        this.certificate = certificate;
        this.key = key;
        this.store = store;
    }

    /** Makes the certificate for {@code name} in {@code dir}. */
    static SelfSigned make(Path dir, String name) throws IOException, InterruptedException, GeneralSecurityException {
        Path p12 = dir.resolve(name + ".p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, PASSWORD);
        }
        X509Certificate cert = (X509Certificate) store.getCertificate(name);
        PrivateKey privateKey = (PrivateKey) store.getKey(name, PASSWORD);
        Path certificate = Files.writeString(dir.resolve(name + ".crt"), pem("CERTIFICATE", cert.getEncoded()));
        Path key = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", privateKey.getEncoded()));
        return new SelfSigned(certificate, key, store);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** A client context that trusts {@code server} and, when {@code presenting} is not null, shows that certificate. */
    static SSLContext clientTrusting(SelfSigned server, SelfSigned presenting) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(server.store);
        KeyManagerFactory keys = null;
        if (presenting != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(presenting.store, PASSWORD);
        }
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return c;
    }
}
