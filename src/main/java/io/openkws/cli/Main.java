package io.openkws.cli;

import io.openkws.UserInput;
import io.openkws.app.StartupException;
import io.openkws.bench.BenchSetupException;
import io.openkws.yaml.ConfigException;
import io.openkws.decode.CaptureException;
import io.openkws.export.mqtt.MqttSetupException;
import io.openkws.io.gpio.GpioException;
import io.openkws.io.serial.SerialPortException;
import io.openkws.meter.calibration.CalibrationException;
import io.openkws.ui.DisplayTextException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code openkws} command line.
 *
 * <p>Owns the one rule every subcommand shares: a user mistake (a {@link UserError}, a bad flag, or a
 * layer's domain exception listed in {@link #USER_MISTAKES}) prints one
 * line on stderr and exits 2; anything else is a bug and prints its stack trace (exit 1).
 */
@Command(name = "openkws", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Controller for a KWS-302WF power meter: HT7017 metering, TM1622 LCD, relay, protection, MQTT.")
public final class Main {

    /** Exit code for user mistakes (bad flags, unreadable files, absent devices). */
    public static final int EXIT_USAGE = 2;

    /** The subcommands, in the order {@code --help} lists them. */
    static List<Object> subcommands() {
        return List.of(new RunCommand(), new SimulateCommand(), new ReadCommand(), new CalibrateCommand(),
                new DecodeCommand(), new LcdCommand(), new BenchCommand(), new HistoryCommand());
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI with {@code args} and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (Object sub : subcommands()) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable cause = ex;
            while (cause != null && !isUserMistake(cause)) {
                cause = cause.getCause();
            }
            PrintWriter err = commandLine.getErr();
            if (cause != null) {
                err.println("openkws: " + cause.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            ex.printStackTrace(err);
            err.flush();
            return 1;
        });
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("openkws: " + UserInput.bounded(ex.getMessage()) + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        return cli;
    }

    /**
     * The exceptions that are the user's to fix, from every layer: each gets one line and exit code 2. A layer
     * below {@code cli} throws its own domain exception (it knows nothing of exit codes); a new one is added here.
     */
    static final List<Class<? extends RuntimeException>> USER_MISTAKES = List.of(
            UserError.class, ConfigException.class, CaptureException.class, CalibrationException.class,
            SerialPortException.class, GpioException.class, DisplayTextException.class, StartupException.class,
            MqttSetupException.class, BenchSetupException.class);

    /** Whether {@code t} is a user mistake (one line, exit 2) rather than a bug (stack trace, exit 1). */
    static boolean isUserMistake(Throwable t) {
        return USER_MISTAKES.stream().anyMatch(type -> type.isInstance(t));
    }

    /** Prints the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"openkws " + (v == null ? "dev" : v)};
        }
    }
}
