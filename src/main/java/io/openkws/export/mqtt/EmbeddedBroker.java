package io.openkws.export.mqtt;

import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.IConfig;
import io.moquette.broker.config.MemoryConfig;

import java.io.IOException;
import java.util.Properties;

/**
 * An in-process Moquette MQTT broker bound to 127.0.0.1, for {@code mqtt.url: embedded}.
 *
 * <p>Exists so a user without a broker (and the simulated board) gets a working MQTT endpoint at once. It is
 * deliberately locked down: loopback only, no telemetry (Moquette phones home by default), no persistence file in
 * the working directory, no websocket listener. It accepts an empty client id (MQTT 3.1.1 allows it with a clean
 * session, and stock {@code mosquitto_sub}/{@code mosquitto_pub} send one).
 *
 * <p>Netty, under Moquette, is told to use unpooled buffers (unless {@code io.netty.allocator.type} is already set):
 * its pooled allocator keeps about 4.5 MB of direct-memory arenas resident for a broker that carries a few small
 * messages a second (README, "Performance").
 */
public final class EmbeddedBroker implements AutoCloseable {

    public static final int DEFAULT_PORT = 1883;

    /** Netty's system property choosing its buffer allocator, read once when Netty's buffer classes initialise. */
    static final String NETTY_ALLOCATOR = "io.netty.allocator.type";

    private final int port;
    private Server server;

    public EmbeddedBroker() {
        this(DEFAULT_PORT);
    }

    /** @param port TCP port on 127.0.0.1 */
    public EmbeddedBroker(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("bad port " + port);
        }
        this.port = port;
    }

    /** Starts listening; a port already in use is a {@link MqttSetupException}. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        if (System.getProperty(NETTY_ALLOCATOR) == null) {
            System.setProperty(NETTY_ALLOCATOR, "unpooled");
        }
        Properties props = new Properties();
        props.setProperty(IConfig.HOST_PROPERTY_NAME, "127.0.0.1");
        props.setProperty(IConfig.PORT_PROPERTY_NAME, Integer.toString(port));
        props.setProperty(IConfig.ENABLE_TELEMETRY_NAME, "false");
        props.setProperty(IConfig.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        props.setProperty(IConfig.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        props.setProperty(IConfig.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        props.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        Server candidate = new Server();
        try {
            candidate.startServer(new MemoryConfig(props));
        } catch (IOException | RuntimeException e) {
            try {
                candidate.stopServer();
            } catch (RuntimeException ignored) {
                // nothing was started
            }
            throw new MqttSetupException("cannot start the embedded MQTT broker on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        server = candidate;
    }

    /** The URL a client uses to reach this broker. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
