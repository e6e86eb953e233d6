package io.openkws.cli;

import io.openkws.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the {@code openkws} command line.
 *
 * <p>Owns the one rule every subcommand shares: a user mistake (a {@link UserError} or a bad flag) prints one
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
            while (cause != null && !(cause instanceof UserError)) {
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
            err.println("openkws: " + UserError.bounded(ex.getMessage()) + " (see --help)");
            err.flush();
            return EXIT_USAGE;
        });
        return cli;
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
