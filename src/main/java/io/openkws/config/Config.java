package io.openkws.config;

import io.openkws.yaml.ConfNode;
import io.openkws.meter.history.Retention;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionSettings;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The user's configuration file (design.md "Configuration file"), fully validated.
 *
 * <p>Exists so {@code run} and {@code simulate} get one immutable value with every default applied and every
 * mistake already reported (with file, line, key path and allowed range). Relative paths in the file (board,
 * state, TLS files) are relative to the working directory. Read with {@link #load(Path)}; {@link #defaults()} is
 * what {@code run} uses with no file. Every key and its default is listed in README.md, section "Configuration".
 *
 * @param board          {@code sim} or a board directory such as {@code hardware/kws302wf} (default {@code sim})
 * @param protection     the protection settings
 * @param powerOnState   relay.powerOnState (default memory)
 * @param mqtt           the MQTT settings
 * @param stateDirectory where energy totals, settings and the remembered relay state persist (default
 *                       {@code state})
 * @param watchdog       a hardware watchdog device to feed, e.g. /dev/watchdog (default none)
 * @param display        display settings
 * @param tuyamcu        the TuyaMCU WiFi module bridge (off without a port)
 * @param history        retention of the energy history ({@code history.keepHours}, {@code history.keepDays})
 * @param web            the web console ({@code web} section)
 */
public record Config(String board, ProtectionSettings protection, PowerOnState powerOnState, MqttConfig mqtt,
                     Path stateDirectory, Optional<Path> watchdog, DisplayConfig display, TuyaMcuConfig tuyamcu,
                     Retention history, WebConfig web) {

    /** A configuration without the TuyaMCU bridge, with the default history retention and web console. */
    public Config(String board, ProtectionSettings protection, PowerOnState powerOnState, MqttConfig mqtt,
                  Path stateDirectory, Optional<Path> watchdog, DisplayConfig display) {
        this(board, protection, powerOnState, mqtt, stateDirectory, watchdog, display, TuyaMcuConfig.OFF,
                Retention.DEFAULT);
    }

    /** A configuration with the web console's defaults. */
    public Config(String board, ProtectionSettings protection, PowerOnState powerOnState, MqttConfig mqtt,
                  Path stateDirectory, Optional<Path> watchdog, DisplayConfig display, TuyaMcuConfig tuyamcu,
                  Retention history) {
        this(board, protection, powerOnState, mqtt, stateDirectory, watchdog, display, tuyamcu, history,
                WebConfig.DEFAULTS);
    }

    /** The board value that selects the simulated board. */
    public static final String SIM = "sim";

    /** Whether the simulated board is selected. */
    public boolean simulated() {
        return SIM.equals(board);
    }

    /** The configuration of {@code run} with no file: the simulated board and the in-process MQTT broker. */
    public static Config defaults() {
        Config c = ConfigLoader.read(ConfNode.parse("(defaults)", ""));
        MqttConfig m = c.mqtt();
        return new Config(SIM, c.protection(), c.powerOnState(),
                new MqttConfig(MqttConfig.EMBEDDED, m.username(), m.password(), m.deviceId(), m.intervalSeconds(),
                        m.discoveryPrefix(), m.caFile(), m.clientCert(), m.clientKey()),
                c.stateDirectory(), c.watchdog(), c.display(), c.tuyamcu(), c.history(), c.web());
    }

    /** Reads and validates a configuration file; any problem is a {@link io.openkws.yaml.ConfigException}. */
    public static Config load(Path file) {
        return ConfigLoader.read(ConfNode.load(file));
    }

    /** Reads and validates configuration text ({@code sourceName} appears in error messages). */
    public static Config parse(String sourceName, String yaml) {
        return ConfigLoader.read(ConfNode.parse(sourceName, yaml));
    }

    /**
     * The {@code display} section.
     *
     * @param screenTimeoutMinutes the LCD is blanked after this long without a button press; 0 = always on
     */
    public record DisplayConfig(double screenTimeoutMinutes) {
    }
}
