package io.openkws.cli;

import io.openkws.app.Device;
import io.openkws.app.TerminalConsole;
import io.openkws.config.Config;
import io.openkws.config.SecretFilePermissions;
import io.openkws.time.SystemClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openkws run}: the main job. With no config, the simulated board with an in-process MQTT broker; on a
 * terminal the LCD is drawn live with keys for the buttons and the simulated mains, otherwise it logs. A config
 * file holding the MQTT password that others can read gets one warning line at start. The logger is looked up
 * only after the log file is chosen (slf4j-simple reads its settings once).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the meter: the configured board, or the simulated one with no --config.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: simulated board, embedded MQTT broker).")
    Path configFile;

    @Override
    public Integer call() throws Exception {
        Config config = configFile == null ? Config.defaults() : Config.load(configFile);
        boolean interactive = System.console() != null && System.console().isTerminal() && config.simulated();
        if (interactive) {
            Files.createDirectories(config.stateDirectory());
            System.setProperty("org.slf4j.simpleLogger.logFile", config.stateDirectory().resolve("openkws.log").toString());
        }
        if (configFile != null) {
            SecretFilePermissions.warning(configFile, config)
                    .ifPresent(w -> LoggerFactory.getLogger(RunCommand.class).warn("{}", w));
        }
        Device device = Device.build(config, SystemClock.instance());
        device.onExit(System::exit);
        Thread shutdown = new Thread(device::close, "openkws-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        device.start();
        if (interactive) {
            new TerminalConsole(device, SystemClock.instance()).run();
            Runtime.getRuntime().removeShutdownHook(shutdown);
            device.close();
            return 0;
        }
        device.logStatusUntilStopped();
        return 0;
    }
}
