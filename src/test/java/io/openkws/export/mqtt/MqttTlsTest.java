package io.openkws.export.mqtt;

import io.openkws.time.SystemClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import io.openkws.config.MqttConfig;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS against a real mosquitto with a throw-away certificate made by the JDK's keytool: the CA file is honoured,
 * a client certificate is presented, and a host name that the certificate does not name is refused.
 */
class MqttTlsTest {

    private static Path dir;
    private Process broker;
    private MqttFrontEnd exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (exporter != null) {
            exporter.close();
        }
        if (broker != null) {
            broker.destroy();
            broker.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void makeCertificates() throws Exception {
        dir = Files.createTempDirectory("openkws-tls");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        selfSigned("broker", "ip:127.0.0.1");
        selfSigned("client", "dns:openkws-client");
    }

    @org.junit.jupiter.api.AfterAll
    static void deleteCertificates() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void a_broker_certificate_for_the_right_host_is_accepted_and_the_client_certificate_presented() throws Exception {
        int port = startTlsBroker();
        exporter = start("ssl://127.0.0.1:" + port);
        awaitConnected(exporter);
        assertTrue(exporter.connected());
    }

    @Test
    void a_certificate_that_does_not_name_the_host_is_refused() throws Exception {
        int port = startTlsBroker();
        exporter = start("ssl://localhost:" + port);
        Mosquitto.pause(1500);
        assertFalse(exporter.connected(), "host name verification must refuse a certificate for 127.0.0.1 only");
        assertEquals(0, exporter.connectionCount());
    }

    @Test
    void without_the_client_certificate_the_broker_refuses_the_connection() throws Exception {
        int port = startTlsBroker();
        exporter = start("ssl://127.0.0.1:" + port, false);
        Mosquitto.pause(1500);
        assertFalse(exporter.connected(), "the broker requires a client certificate");
    }

    private MqttFrontEnd start(String url) {
        return start(url, true);
    }

    private MqttFrontEnd start(String url, boolean clientCertificate) {
        MqttConfig settings = MqttConfig.of(url, "tls1").withTls(dir.resolve("broker.pem"),
                clientCertificate ? dir.resolve("client.pem") : null,
                clientCertificate ? dir.resolve("client.key") : null);
        return MqttFrontEnd.start(new FakeDevice(), settings, SystemClock.instance(),
                new MqttFrontEnd.Tuning(10, 0.1, 0.5, 0.5, 16, 4, 10));
    }

    private static void awaitConnected(MqttFrontEnd e) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!e.connected() && System.nanoTime() < deadline) {
            Mosquitto.pause(20);
        }
    }

    private int startTlsBroker() throws Exception {
        int port = Mosquitto.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", "listener " + port + " 127.0.0.1", "allow_anonymous true",
                "persistence false", "certfile " + dir.resolve("broker.pem"), "keyfile " + dir.resolve("broker.key"),
                "cafile " + dir.resolve("client.pem"), "require_certificate true", ""));
        broker = new ProcessBuilder(Mosquitto.binary().toString(), "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
                return port;
            } catch (java.io.IOException notYet) {
                if (!broker.isAlive()) {
                    break;
                }
                Mosquitto.pause(20);
            }
        }
        throw new AssertionError("TLS mosquitto did not start: " + Files.readString(dir.resolve("log")));
    }

    /** A self-signed EC certificate and its PKCS#8 key as PEM files {@code name.pem} and {@code name.key}. */
    private static void selfSigned(String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=openkws-test-" + name, "-ext", "SAN=" + san,
                "-ext", "bc:c", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        Certificate cert = ks.getCertificate(name);
        Key key = ks.getKey(name, "changeit".toCharArray());
        Base64.Encoder b64 = Base64.getMimeEncoder(64, "\n".getBytes());
        Files.writeString(dir.resolve(name + ".pem"), "-----BEGIN CERTIFICATE-----\n"
                + b64.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        Files.writeString(dir.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
                + b64.encodeToString(key.getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        for (String file : List.of(name + ".pem", name + ".key")) {
            Files.setPosixFilePermissions(dir.resolve(file),
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
