package io.openkws.cli;

import io.openkws.UserError;
import io.openkws.app.Simulation;
import io.openkws.config.Config;
import io.openkws.meter.history.HistoryFormat;
import io.openkws.meter.history.HistoryRow;
import io.openkws.meter.history.HistoryStore;
import io.openkws.meter.history.HourAccumulator;
import io.openkws.meter.history.HourRecord;
import io.openkws.scenario.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code openkws simulate}: deterministic replay of a scenario through the whole controller, in virtual time. */
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

    @Override
    public Integer call() {
        Scenario scenario = Scenario.load(scenarioFile);
        Config config = configFile == null ? Config.defaults() : Config.load(configFile);
        long start = System.nanoTime();
        HourAccumulator hours = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        List<HourRecord> rows = new ArrayList<>();
        List<String> lines = Simulation.run(scenario, Simulation.Setup.load(config), readings,
                historyFile == null ? null : sample -> hours.add(sample).ifPresent(rows::add));
        hours.inProgress(Double.POSITIVE_INFINITY).ifPresent(rows::add);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        StringBuilder out = new StringBuilder();
        lines.forEach(line -> out.append(line).append('\n'));
        write(eventsFile, out);
        if (historyFile != null) {
            StringBuilder csv = new StringBuilder(HistoryFormat.csvHeader("hour")).append('\n');
            for (HourRecord r : rows) {
                csv.append(HistoryFormat.csv(new HistoryRow(HistoryStore.HOUR_FORMAT.format(r.start()), r.totals())))
                        .append('\n');
            }
            write(historyFile, csv);
        }
        System.out.printf("%d lines, %.1f s of virtual time in %.2f s%n", lines.size(), scenario.durationSeconds(),
                wallSeconds);
        return 0;
    }

    private static void write(Path file, CharSequence text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
