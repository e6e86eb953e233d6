package io.openkws.export.mqtt;


import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the TLS socket factory for {@code ssl://} broker URLs from PEM files.
 *
 * <p>Exists because users hold their broker's CA and client credentials as PEM files (mosquitto's format), not
 * Java key stores. Certificate verification is always on: with no CA file the JDK's trusted roots apply. The
 * client key must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); the error message says how to convert.
 */
final class TlsSockets {

    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private TlsSockets() {
    }

    static SSLSocketFactory factory(Path caFile, Path certFile, Path keyFile) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            if (caFile == null) {
                tmf.init((KeyStore) null);
            } else {
                KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
                trust.load(null, null);
                List<Certificate> cas = certificates(caFile);
                for (int i = 0; i < cas.size(); i++) {
                    trust.setCertificateEntry("ca" + i, cas.get(i));
                }
                tmf.init(trust);
            }
            KeyManagerFactory kmf = null;
            if (certFile != null) {
                KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
                identity.load(null, null);
                char[] none = new char[0];
                identity.setKeyEntry("client", privateKey(keyFile), none,
                        certificates(certFile).toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(identity, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException | IOException e) {
            throw new MqttSetupException("cannot set up MQTT TLS: " + e.getMessage(), e);
        }
    }

    private static List<Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new MqttSetupException(file + ": no PEM certificate found");
            }
            return List.copyOf(certs);
        } catch (java.security.cert.CertificateException e) {
            throw new MqttSetupException(file + ": not a PEM certificate (" + e.getMessage() + ")", e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MqttSetupException(file + ": file not found", e);
        }
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new MqttSetupException(file + ": file not found", e);
        }
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new MqttSetupException(file + ": expected an unencrypted PKCS#8 key (BEGIN PRIVATE KEY); convert with"
                    + " openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new MqttSetupException(file + ": unsupported private key type (RSA, EC, Ed25519 or Ed448 expected)");
    }
}
