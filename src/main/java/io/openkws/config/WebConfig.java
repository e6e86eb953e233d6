package io.openkws.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code web} section of the configuration, validated: where the web console listens, its password, its TLS
 * files and the optional separate listener for Prometheus' {@code /metrics}.
 *
 * <p>Exists so the console receives settings already known to be usable (a parsable listen address, TLS files that
 * exist and go together) and only has run-time problems (a port taken) left to report. Whether a non-loopback
 * address has a password is checked by the console when it starts, because it needs the address resolved.
 *
 * @param listen        where the console listens; empty when {@code web.listen: off}
 * @param password      the log-in password; empty = no log-in (allowed on loopback only)
 * @param tlsCert       PEM certificate chain for HTTPS (with {@code tlsKey})
 * @param tlsKey        PEM private key (unencrypted PKCS#8) of {@code tlsCert}
 * @param metricsListen a listener of its own for {@code /metrics} (still served on {@code listen} too)
 */
public record WebConfig(Optional<Listen> listen, Optional<String> password, Optional<Path> tlsCert,
                        Optional<Path> tlsKey, Optional<Listen> metricsListen) {

    /** The default: the console on 127.0.0.1:8080, no password, plain HTTP, no separate metrics listener. */
    public static final WebConfig DEFAULTS = new WebConfig(Optional.of(new Listen("127.0.0.1", 8080)),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /** Whether the console serves HTTPS. */
    public boolean tls() {
        return tlsCert.isPresent();
    }

    @Override
    public String toString() {
        return "WebConfig[listen=" + listen + ", password=" + (password.isPresent() ? "(set)" : "(none)")
                + ", tlsCert=" + tlsCert + ", tlsKey=" + tlsKey + ", metricsListen=" + metricsListen + "]";
    }

    /**
     * A host (name or IP literal, IPv6 without brackets) and a TCP port (0 = any free port, for tests).
     */
    public record Listen(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        /**
         * Parses {@code host:port}, {@code [v6]:port} or a bare {@code :port} (meaning 127.0.0.1); an
         * {@link IllegalArgumentException} with a one-line reason otherwise.
         */
        public static Listen parse(String text) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + t + "' must be host:port, e.g. 127.0.0.1:8080, or off");
            }
            String host = t.substring(0, colon);
            String portText = t.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("'" + t + "': write an IPv6 address in brackets, e.g. [::1]:8080");
            }
            if (host.isEmpty()) {
                host = "127.0.0.1";
            }
            if (host.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("'" + t + "': the host has spaces");
            }
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + t + "': '" + portText + "' is not a port number");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("'" + t + "': port " + port + " is out of range (0 to 65535)");
            }
            return new Listen(host, port);
        }
    }
}
