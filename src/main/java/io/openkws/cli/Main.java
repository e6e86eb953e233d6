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
import java.util.Optional;
import java.util.function.Supplier;
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

    /** A subcommand by the name it answers to, built only when asked for. */
    record Subcommand(String name, Supplier<Object> create) {
    }

    /** The subcommands, in the order {@code --help} lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(new Subcommand("run", RunCommand::new),
            new Subcommand("simulate", SimulateCommand::new), new Subcommand("read", ReadCommand::new),
            new Subcommand("calibrate", CalibrateCommand::new), new Subcommand("decode", DecodeCommand::new),
            new Subcommand("lcd", LcdCommand::new), new Subcommand("bench", BenchCommand::new),
            new Subcommand("history", HistoryCommand::new));

    /** Every subcommand, built. */
    static List<Object> subcommands() {
        return SUBCOMMANDS.stream().map(s -> s.create().get()).toList();
    }

    /**
     * The subcommand {@code args} names first, alone, when it names one; else all of them. Start-up: picocli
     * reflects over every command it is given (about 190 ms and Jackson's classes for all eight, on the way to
     * `run`'s first reading), and a command line names one subcommand at most.
     */
    static List<Object> subcommandsFor(String... args) {
        if (args.length > 0) {
            for (Subcommand s : SUBCOMMANDS) {
                if (s.name().equals(args[0])) {
                    return List.of(s.create().get());
                }
            }
        }
        return subcommands();
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI with {@code args} and returns the exit code (tests call this). */
    public static int execute(String... args) {
        Optional<RunCommand> run = RunCommand.plain(args);
        if (run.isPresent()) {
            PrintWriter err = new PrintWriter(System.err, true);
            try {
                return run.get().call();
            } catch (Exception e) {
                return failure(e, err);
            }
        }
        return commandLine(subcommandsFor(args)).execute(args);
    }

    /** The command line with every subcommand. */
    static CommandLine commandLine() {
        return commandLine(subcommands());
    }

    private static CommandLine commandLine(List<Object> subcommands) {
        CommandLine cli = new CommandLine(new Main());
        for (Object sub : subcommands) {
            cli.addSubcommand(sub);
        }
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> failure(ex, commandLine.getErr()));
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("openkws: " + UserInput.bounded(ex.getMessage()) + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        return cli;
    }

    /** Reports {@code ex} thrown by a subcommand on {@code err}: one line and exit 2 for a user mistake, else a bug. */
    private static int failure(Exception ex, PrintWriter err) {
        Throwable cause = ex;
        while (cause != null && !isUserMistake(cause)) {
            cause = cause.getCause();
        }
        if (cause != null) {
            err.println("openkws: " + cause.getMessage());
            err.flush();
            return EXIT_USAGE;
        }
        ex.printStackTrace(err);
        err.flush();
        return 1;
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
