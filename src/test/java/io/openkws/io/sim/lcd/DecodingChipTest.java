package io.openkws.io.sim.lcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.tm1622.EdgeTraceCsv;
import io.openkws.io.sim.lcd.SimTm1622.CommandFrame;
import io.openkws.io.sim.lcd.SimTm1622.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A decoding chip replayed from a file row by row keeps nothing that grows with the trace. */
class DecodingChipTest {

    @TempDir
    Path dir;

    @Test
    void frames_go_to_the_sink_as_rows_are_read_and_nothing_is_kept() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "time,CS,WR,DATA\n" + commandFrames(50, 0));
        List<Frame> frames = new ArrayList<>();
        SimTm1622 chip = SimTm1622.decoding(frames::add);
        EdgeTraceCsv.replay(csv, chip);
        assertEquals(50, frames.size());
        assertTrue(frames.stream().allMatch(f -> f instanceof CommandFrame c && c.codes().equals(List.of(0x01))));
        assertTrue(chip.sysEnabled());
        assertEquals(List.of(), chip.frames());
        assertEquals(List.of(), chip.commandLog());
        assertEquals(0, chip.violationCount(), chip.violations().toString());
    }

    @Test
    void violations_beyond_the_first_thousand_are_counted_not_kept() {
        SimTm1622 chip = SimTm1622.decoding(f -> { });
        String csv = "time,CS,WR,DATA\n" + frames(3000, new int[] {1, 0});
        chip.feedAll(EdgeTraceCsv.parse(csv.lines().toList(), "t.csv").edges());
        assertEquals(3000, chip.violationCount());
        assertEquals(SimTm1622.MAX_KEPT_VIOLATIONS, chip.violations().size());
    }

    @Test
    void a_running_chip_driven_through_its_pins_keeps_no_frames() {
        io.openkws.time.VirtualClock clock = new io.openkws.time.VirtualClock();
        SimTm1622 chip = SimTm1622.running(clock);
        io.openkws.driver.tm1622.Tm1622Driver driver = new io.openkws.driver.tm1622.Tm1622Driver(
                new io.openkws.driver.tm1622.PinTm1622Bus(chip.pin(SimTm1622.Line.CS), chip.pin(SimTm1622.Line.WR),
                        chip.pin(SimTm1622.Line.DATA), clock), 5_000);
        driver.init();
        for (int i = 0; i < 200; i++) {
            driver.refresh();
        }
        assertTrue(chip.sysEnabled() && chip.lcdOn());
        assertTrue(clock.nanoTime() > 200 * 64 * 4 * 2 * 5_000L, "200 full refreshes were clocked in");
        assertEquals(List.of(), chip.frames());
        assertEquals(List.of(), chip.commandLog());
        assertEquals(0, chip.violationCount());
    }

    @Test
    void the_streamed_replay_gives_the_frames_of_the_whole_trace_replay() throws Exception {
        Path csv = dir.resolve("t.csv");
        Files.writeString(csv, "time,CS,WR,DATA\n" + commandFrames(7, 0));
        List<Frame> streamed = new ArrayList<>();
        EdgeTraceCsv.replay(csv, SimTm1622.decoding(streamed::add));
        assertEquals(EdgeTraceCsv.replay(EdgeTraceCsv.read(csv)).frames(), streamed);
    }

    /** {@code count} SYS EN command frames as CSV rows (no header), starting at {@code startMicros}. */
    static String commandFrames(int count, long startMicros) {
        return frames(count, new int[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
    }

    /** {@code count} frames of {@code bits} as CSV rows (no header), 10 µs a bit, data set up while WR is low. */
    static String frames(int count, int[] bits) {
        StringBuilder sb = new StringBuilder();
        long us = 0;
        for (int f = 0; f < count; f++) {
            sb.append(row(us, 1, 1, 1)).append(row(us + 10, 0, 1, 1));
            us += 20;
            int data = 1;
            for (int bit : bits) {
                sb.append(row(us, 0, 0, data)).append(row(us + 3, 0, 0, bit)).append(row(us + 6, 0, 1, bit));
                data = bit;
                us += 10;
            }
            sb.append(row(us, 1, 1, data));
            us += 10;
        }
        return sb.toString();
    }

    private static String row(long micros, int cs, int wr, int data) {
        return String.format("%d.%06d,%d,%d,%d%n", micros / 1_000_000, micros % 1_000_000, cs, wr, data);
    }
}
