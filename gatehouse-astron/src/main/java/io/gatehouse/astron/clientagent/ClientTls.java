package io.gatehouse.astron.clientagent;

import io.gatehouse.core.config.ConfigSection;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/**
 * TLS on the Client Agent's listeners (astrond's clientagent {@code tls} section; see
 * docs/protocol/astron.md, section 11): the server's certificate and its PKCS#8 key, both PEM,
 * an optional chain of intermediate certificates, and an optional certificate authority that
 * every client must then present a certificate from. TLS 1.2 and 1.3 only.
 *
 * @param certificate   PEM certificate of the server
 * @param keyFile       PEM private key of that certificate (PKCS#8, unencrypted)
 * @param chainFile     PEM intermediate certificates sent after it, or null
 * @param certAuthority PEM certificates of the authorities client certificates must come from, or null
 */
public record ClientTls(Path certificate, Path keyFile, Path chainFile, Path certAuthority) {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** A {@code tls} section: {@code certificate} and {@code key_file} required, {@code chain_file} and {@code cert_authority} optional. */
    public static ClientTls read(ConfigSection t, Path base) {
        Path certificate = t.path("certificate", base);
        Path key = t.path("key_file", base);
        if (certificate == null) {
            t.problem("certificate", "required: the server's PEM certificate");
        }
        if (key == null) {
            t.problem("key_file", "required: the PEM (PKCS#8) key of the certificate");
        }
        ClientTls tls = new ClientTls(certificate, key, t.path("chain_file", base), t.path("cert_authority", base));
        t.finish();
        return tls;
    }

    /**
     * The Netty context for these files; an {@link IllegalArgumentException} naming the file
     * when one cannot be read or is not what it should be.
     */
    public SslContext context() {
        byte[] chain;
        try {
            chain = read(certificate);
            if (chainFile != null) {
                byte[] more = read(chainFile);
                byte[] both = new byte[chain.length + 1 + more.length];
                System.arraycopy(chain, 0, both, 0, chain.length);
                both[chain.length] = '\n';
                System.arraycopy(more, 0, both, chain.length + 1, more.length);
                chain = both;
            }
            byte[] key = read(keyFile);
            SslContextBuilder b;
            try (InputStream c = new ByteArrayInputStream(chain); InputStream k = new ByteArrayInputStream(key)) {
                b = SslContextBuilder.forServer(c, k);
            }
            b.protocols(PROTOCOLS);
            if (certAuthority != null) {
                try (InputStream ca = new ByteArrayInputStream(read(certAuthority))) {
                    b.trustManager(ca).clientAuth(ClientAuth.REQUIRE);
                }
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("tls: the certificate " + certificate + (chainFile == null ? "" : " (with " + chainFile + ")")
                    + ", the key " + keyFile + (certAuthority == null ? "" : " or the authority " + certAuthority)
                    + " cannot be used: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("tls: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
