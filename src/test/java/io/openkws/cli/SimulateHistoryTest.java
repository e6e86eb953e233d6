package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --history}: the hourly rows of a scenario in virtual time, byte-identical on every run, with and
 * without fast-forward.
 */
class SimulateHistoryTest {

    @Test
    void three_virtual_hours_at_two_kilowatts_give_three_rows_of_two_kilowatt_hours_and_the_same_bytes_every_way(
            @TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("s.yaml");
        Files.writeString(scenario, """
                duration: 10800.0
                memory: on
                steps:
                  - at: 0.0
                    voltage: 230.0
                    current: 8.695652
                    powerFactor: 1.0
                    frequency: 50.0
                """);
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, "protection:\n  recoveryDelay: 1.0\n");
        byte[][] runs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            Path csv = dir.resolve("h" + i + ".csv");
            int exit = Main.execute("simulate", "--scenario", scenario.toString(), "--config", config.toString(),
                    "--events", dir.resolve("e" + i + ".jsonl").toString(), "--history", csv.toString());
            assertEquals(0, exit);
            runs[i] = Files.readAllBytes(csv);
        }
        assertArrayEquals(runs[0], runs[1]);
        Path paced = dir.resolve("paced.csv");
        assertEquals(0, Main.execute("simulate", "--scenario", scenario.toString(), "--config", config.toString(),
                "--events", dir.resolve("paced.jsonl").toString(), "--history", paced.toString(), "--no-fast-forward"));
        assertArrayEquals(runs[0], Files.readAllBytes(paced), "fast-forward changes no row here");
        assertArrayEquals(Files.readAllBytes(dir.resolve("e0.jsonl")), Files.readAllBytes(dir.resolve("paced.jsonl")));
        List<String> lines = new String(runs[0], java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        assertEquals("hour,energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min", lines.get(0));
        assertEquals(4, lines.size(), lines.toString());
        for (int h = 0; h < 3; h++) {
            String[] row = lines.get(1 + h).split(",");
            assertEquals("2026-01-01T0" + h + ":00Z", row[0]);
            assertEquals(2.000, Double.parseDouble(row[1]), 0.02, lines.get(1 + h));
            assertEquals(230.0, Double.parseDouble(row[3]), 0.5, lines.get(1 + h));
            assertEquals(2000.0, Double.parseDouble(row[5]), 20, lines.get(1 + h));
            assertEquals(60.0, Double.parseDouble(row[6]), 0.1, lines.get(1 + h));
        }
    }
}
