package io.openkws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code web} section: defaults, {@code off}, addresses, TLS files, and errors with file, line and key. */
class WebConfigTest {

    @Test
    void without_a_web_section_the_console_listens_on_loopback_8080_without_password() {
        WebConfig web = Config.parse("c.yaml", "").web();
        assertEquals(Optional.of(new WebConfig.Listen("127.0.0.1", 8080)), web.listen());
        assertEquals(Optional.empty(), web.password());
        assertFalse(web.tls());
        assertEquals(WebConfig.DEFAULTS, Config.defaults().web());
    }

    @Test
    void off_disables_the_console() {
        assertEquals(Optional.empty(), Config.parse("c.yaml", "web:\n  listen: off\n").web().listen());
    }

    @Test
    void addresses_password_and_metrics_listener_are_read() {
        WebConfig web = Config.parse("c.yaml", """
                web:
                  listen: "[::1]:8443"
                  password: "p4ss: word"
                  metrics:
                    listen: 0.0.0.0:9101
                """).web();
        assertEquals(Optional.of(new WebConfig.Listen("::1", 8443)), web.listen());
        assertEquals(Optional.of("p4ss: word"), web.password());
        assertEquals(Optional.of(new WebConfig.Listen("0.0.0.0", 9101)), web.metricsListen());
        assertFalse(web.toString().contains("p4ss"), "the password never appears in logs: " + web);
        assertEquals(new WebConfig.Listen("127.0.0.1", 80), WebConfig.Listen.parse(":80"));
    }

    @Test
    void mistakes_name_file_line_and_key() {
        assertEquals("c.yaml:2: web.listen: 'localhost' must be host:port, e.g. 127.0.0.1:8080, or off",
                assertThrows(ConfigException.class, () -> Config.parse("c.yaml", "web:\n  listen: localhost\n"))
                        .getMessage());
        assertEquals("c.yaml:2: web.listen: '127.0.0.1:99999': port 99999 is out of range (0 to 65535)",
                assertThrows(ConfigException.class, () -> Config.parse("c.yaml",
                        "web:\n  listen: 127.0.0.1:99999\n")).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> Config.parse("c.yaml", "web:\n  port: 80\n"))
                .getMessage().startsWith("c.yaml:2: web.port: unknown key"));
        assertTrue(assertThrows(ConfigException.class, () -> Config.parse("c.yaml",
                "web:\n  tls:\n    cert: /no/such/file.pem\n")).getMessage()
                .startsWith("c.yaml:3: web.tls.cert: '/no/such/file.pem' is not a readable file"));
    }

    @Test
    void tls_cert_and_key_go_together(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        WebConfig both = Config.parse("c.yaml", "web:\n  tls:\n    cert: " + cert + "\n    key: " + key + "\n")
                .web();
        assertTrue(both.tls());
        assertEquals(Optional.of(key), both.tlsKey());
        assertEquals("c.yaml:3: web.tls.cert: cert and key go together", assertThrows(ConfigException.class,
                () -> Config.parse("c.yaml", "web:\n  tls:\n    cert: " + cert + "\n")).getMessage());
    }
}
