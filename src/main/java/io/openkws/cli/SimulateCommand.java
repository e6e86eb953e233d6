package io.openkws.cli;

import io.openkws.app.Simulation;
import io.openkws.config.Config;
import io.openkws.meter.history.HistoryFormat;
import io.openkws.meter.history.HistoryRow;
import io.openkws.meter.history.HistoryStore;
import io.openkws.meter.history.HourAccumulator;
import io.openkws.meter.history.HourRecord;
import io.openkws.scenario.Scenario;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code openkws simulate}: deterministic replay of a scenario through the whole controller, in virtual time. The
 * lines are written as the simulation produces them, so {@code --readings} over hours of virtual time needs no
 * more memory than a minute.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Replay a scenario in virtual time through the whole controller and write its events.")
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario file (YAML).")
    Path scenarioFile;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: the built-in defaults).")
    Path configFile;

    @Option(names = "--events", required = true, paramLabel = "OUT.jsonl", description = "Where to write the events.")
    Path eventsFile;

    @Option(names = "--readings", description = "Also write a reading line every poll cycle.")
    boolean readings;

    @Option(names = "--history", paramLabel = "OUT.csv",
            description = "Also write the hourly history rows (UTC hours from 2026-01-01T00:00Z) as CSV.")
    Path historyFile;

    @Option(names = "--no-fast-forward",
            description = "Poll at wire pace throughout, also in quiet stretches (see README \"Fast-forward\").")
    boolean noFastForward;

    @Override
    public Integer call() {
        Scenario scenario = Scenario.load(scenarioFile);
        Config config = configFile == null ? Config.defaults() : Config.load(configFile);
        Simulation.Setup setup = Simulation.Setup.load(config);
        long start = System.nanoTime();
        Simulation.Result result;
        HourAccumulator hours = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        try (BufferedWriter out = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8);
             BufferedWriter csv = historyFile == null ? null
                     : Files.newBufferedWriter(historyFile, StandardCharsets.UTF_8)) {
            if (csv != null) {
                csv.write(HistoryFormat.csvHeader("hour"));
                csv.write('\n');
            }
            result = Simulation.run(scenario, setup, readings, line -> writeLine(out, line),
                    csv == null ? null : sample -> hours.add(sample).ifPresent(r -> writeLine(csv, row(r))),
                    !noFastForward);
            if (csv != null) {
                hours.inProgress(Double.POSITIVE_INFINITY).ifPresent(r -> writeLine(csv, row(r)));
            }
        } catch (IOException | UncheckedIOException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            throw new UserError((historyFile == null ? eventsFile : eventsFile + " or " + historyFile)
                    + ": cannot write (" + why + ")");
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%d lines, %.1f s of virtual time in %.2f s%s%n", result.lines(),
                scenario.durationSeconds(), wallSeconds, !result.fastForwardOn() ? ""
                        : String.format(Locale.ROOT, " (fast-forward: %d strides, %.1f %% of the time)",
                        result.strides(), 100.0 * result.skippedNanos() / 1e9 / scenario.durationSeconds()));
        return 0;
    }

    private static String row(HourRecord r) {
        return HistoryFormat.csv(new HistoryRow(HistoryStore.HOUR_FORMAT.format(r.start()), r.totals()));
    }

    private static void writeLine(BufferedWriter out, String line) {
        try {
            out.write(line);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
