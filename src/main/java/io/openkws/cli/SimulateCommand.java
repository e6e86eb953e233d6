package io.openkws.cli;

import io.openkws.UserError;
import io.openkws.app.Simulation;
import io.openkws.config.Config;
import io.openkws.scenario.Scenario;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public Integer call() {
        Scenario scenario = Scenario.load(scenarioFile);
        Config config = configFile == null ? Config.defaults() : Config.load(configFile);
        Simulation.Setup setup = Simulation.Setup.load(config);
        long start = System.nanoTime();
        long lines;
        try (BufferedWriter out = Files.newBufferedWriter(eventsFile, StandardCharsets.UTF_8)) {
            lines = Simulation.run(scenario, setup, readings, line -> {
                try {
                    out.write(line);
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            String why = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            throw new UserError(eventsFile + ": cannot write (" + why + ")");
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d lines, %.1f s of virtual time in %.2f s%n", lines, scenario.durationSeconds(),
                wallSeconds);
        return 0;
    }
}
