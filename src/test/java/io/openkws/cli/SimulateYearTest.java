package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --history} over a year of virtual time (the {@code scenarios/long/year.yaml} daily pattern with
 * one over-voltage swell), with the default configuration: 8760 consecutive hourly rows whose energy adds up to
 * what the scenario's true voltage, current and power factor deliver while the relay is closed. Slow (about half
 * a minute of CPU with fast-forward); its wall time is reported in the README, not asserted.
 */
@Tag("slow")
class SimulateYearTest {

    private static final Pattern EVENT_T = Pattern.compile("\"t\":([0-9.]+)");

    @Test
    void a_year_gives_8760_hourly_rows_whose_energy_is_the_scenarios(@TempDir Path dir) throws Exception {
        Path scenarioFile = Path.of(SimulateYearTest.class.getResource("/scenarios/long/year.yaml").toURI());
        Path csv = dir.resolve("h.csv");
        Path events = dir.resolve("e.jsonl");
        assertEquals(0, Main.execute("simulate", "--scenario", scenarioFile.toString(), "--events", events.toString(),
                "--history", csv.toString()));

        List<String> lines = Files.readAllLines(events);
        assertEquals(5, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("\"cause\":\"power-on\""), lines.toString());
        assertTrue(lines.get(2).contains("\"fault\":\"OVP\""), lines.toString());
        assertTrue(lines.get(4).contains("\"cause\":\"restore\""), lines.toString());
        double on = time(lines.get(1));
        double trip = time(lines.get(2));
        double restore = time(lines.get(4));

        List<String> rows = Files.readAllLines(csv);
        assertEquals("hour,energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min", rows.get(0));
        assertEquals(1 + 8760, rows.size());
        DateTimeFormatter hour = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);
        double total = 0;
        for (int h = 0; h < 8760; h++) {
            String[] row = rows.get(1 + h).split(",");
            assertEquals(hour.format(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * h)), row[0]);
            total += Double.parseDouble(row[1]);
            double closedMinutes = Double.parseDouble(row[6]);
            if (h > 0 && h * 3600.0 + 3600 < trip || h * 3600.0 > restore) {
                assertEquals(60.0, closedMinutes, 0.05, rows.get(1 + h));
            }
        }

        Scenario scenario = Scenario.load(scenarioFile);
        double expected = trueEnergyKWh(scenario, on, trip) + trueEnergyKWh(scenario, restore, scenario.durationSeconds());
        assertTrue(expected > 1000, "a year of this pattern is thousands of kWh: " + expected);
        assertEquals(expected, total, 0.002 * expected, "sum of the hourly rows against the scenario's true energy");
    }

    private static double time(String line) {
        Matcher m = EVENT_T.matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    /** V × I × power factor integrated over {@code [from, to)} seconds, from the scenario's steps, in kWh. */
    private static double trueEnergyKWh(Scenario scenario, double from, double to) {
        double joules = 0;
        double t = from;
        for (Scenario.Step step : scenario.steps()) {
            double next = Math.min(step.atSeconds(), to);
            if (next > t) {
                Scenario.Conditions c = scenario.conditionsAt(t);
                joules += c.voltageV() * c.currentA() * c.powerFactor() * (next - t);
                t = next;
            }
        }
        if (to > t) {
            Scenario.Conditions c = scenario.conditionsAt(t);
            joules += c.voltageV() * c.currentA() * c.powerFactor() * (to - t);
        }
        return joules / 3.6e6;
    }
}
