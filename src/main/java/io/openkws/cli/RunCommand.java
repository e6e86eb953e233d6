package io.openkws.cli;

import io.openkws.app.Device;
import io.openkws.app.TerminalConsole;
import io.openkws.config.Config;
import io.openkws.config.SecretFilePermissions;
import io.openkws.time.SystemClock;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
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

    /**
     * The command for {@code run} or {@code run --config FILE} ({@code --config=FILE}), the service's command
     * lines, parsed without picocli: picocli's classes (Java 5 class files, which no class-data archive can hold)
     * and its reflection cost about 150 ms of start-up before the first reading. Empty for any other command line,
     * which picocli parses as usual.
     */
    static Optional<RunCommand> plain(String... args) {
        if (args.length == 0 || !args[0].equals("run")) {
            return Optional.empty();
        }
        String file;
        if (args.length == 1) {
            return Optional.of(new RunCommand());
        } else if (args.length == 2 && args[1].startsWith("--config=")) {
            file = args[1].substring("--config=".length());
        } else if (args.length == 3 && args[1].equals("--config")) {
            file = args[2];
        } else {
            return Optional.empty();
        }
        if (file.isEmpty() || file.startsWith("-")) {
            return Optional.empty();
        }
        RunCommand run = new RunCommand();
        try {
            run.configFile = Path.of(file);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.of(run);
    }

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
