package io.openkws.driver.tm1622;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.trace.RecordingTm1622Bus;
import io.openkws.io.trace.RecordingTm1622Bus.Change;
import io.openkws.io.trace.RecordingTm1622Bus.Line;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Tm1622DriverTest {

    private final VirtualClock clock = new VirtualClock();
    private final RecordingTm1622Bus bus = new RecordingTm1622Bus(clock);
    private final Tm1622Driver driver = new Tm1622Driver(bus);

    /** The DATA level at each WR rising edge, one string per CS-low frame: what the chip latches. */
    static List<String> framesOf(List<Change> changes) {
        List<String> frames = new ArrayList<>();
        boolean cs = true;
        boolean data = true;
        StringBuilder bits = null;
        for (Change change : changes) {
            switch (change.line()) {
                case CS -> {
                    cs = change.high();
                    if (!cs) {
                        bits = new StringBuilder();
                    } else if (bits != null) {
                        frames.add(bits.toString());
                        bits = null;
                    }
                }
                case DATA -> data = change.high();
                case WR -> {
                    if (!cs && change.high()) {
                        bits.append(data ? '1' : '0');
                    }
                }
                case RD -> {
                }
            }
        }
        return frames;
    }

    @Test
    void init_sends_sys_en_rc32k_and_normal_in_one_frame_then_clears_the_ram_then_turns_the_lcd_on() {
        driver.init();

        String sysEnRc32kNormal = "100" + "00000001" + "0" + "00011000" + "0" + "11100011" + "0";
        String clearAll = "101" + "000000" + "0000".repeat(64);
        String lcdOn = "100" + "00000011" + "0";
        assertEquals(List.of(sysEnRc32kNormal, clearAll, lcdOn), framesOf(bus.changes()));
    }

    @Test
    void a_command_frame_matches_the_golden_trace() {
        driver.command(Tm1622Command.LCD_ON);

        StringBuilder golden = new StringBuilder("time,CS,WR,DATA\n0.000000000,1,1,1\n");
        long t = 5_000;
        golden.append(row(t, 0, 1, 1));
        boolean data = true;
        for (char bit : "100000000110".toCharArray()) {
            t += 5_000;
            golden.append(row(t, 0, 0, data ? 1 : 0));
            if ((bit == '1') != data) {
                data = bit == '1';
                golden.append(row(t, 0, 0, data ? 1 : 0));
            }
            t += 5_000;
            golden.append(row(t, 0, 1, data ? 1 : 0));
        }
        t += 5_000;
        golden.append(row(t, 1, 1, data ? 1 : 0));
        assertEquals(golden.toString(), bus.toCsv());
    }

    private static String row(long nanos, int cs, int wr, int data) {
        return String.format("0.%09d,%d,%d,%d%n", nanos, cs, wr, data).replace("\r", "");
    }

    @Test
    void a_successive_write_sends_the_address_msb_first_and_each_nibble_d0_first() {
        driver.writeSuccessive(5, new int[] {0x1, 0xA, 0x7});

        assertEquals(List.of("101" + "000101" + "1000" + "0101" + "1110"), framesOf(bus.changes()));
        assertEquals(0xA, driver.chipImage().nibble(6));
    }

    @Test
    void several_commands_share_one_frame_with_one_mode_id() {
        driver.command(Tm1622Command.SYS_DIS, Tm1622Command.LCD_OFF);

        assertEquals(List.of("100" + "000000000" + "000000100"), framesOf(bus.changes()));
    }

    @Test
    void each_clock_phase_lasts_the_configured_half_period() {
        Tm1622Driver slow = new Tm1622Driver(bus, 7_000);
        slow.command(Tm1622Command.SYS_EN);

        List<Change> wr = bus.changes().stream().filter(c -> c.line() == Line.WR).toList();
        assertEquals(24, wr.size());
        for (int i = 1; i < wr.size(); i++) {
            assertEquals(7_000, wr.get(i).timeNanos() - wr.get(i - 1).timeNanos());
        }
        for (Change change : bus.changes()) {
            if (change.line() == Line.DATA) {
                long lastWr = wr.stream().filter(w -> w.timeNanos() <= change.timeNanos()).reduce((a, b) -> b)
                        .orElseThrow().timeNanos();
                assertTrue(wr.stream().anyMatch(w -> w.timeNanos() == lastWr && !w.high()),
                        "DATA changes only together with WR falling");
            }
        }
    }

    @Test
    void the_driver_issues_no_write_that_leaves_a_line_unchanged() {
        driver.init();
        driver.show(RamImage.BLANK.withNibble(3, 9).withNibble(40, 6));
        driver.flush();

        long idleWrites = 3;
        assertEquals(bus.changes().size() + idleWrites, driver.pinWrites());
    }

    @Test
    void flush_sends_nothing_when_the_shadow_matches_the_chip() {
        driver.init();
        int before = bus.changes().size();

        assertEquals(0, driver.flush());
        assertEquals(before, bus.changes().size());
    }

    @Test
    void flush_bridges_a_short_gap_in_one_frame_and_splits_a_long_one() {
        driver.init();
        driver.show(RamImage.BLANK.withNibble(3, 0xF).withNibble(5, 0xF));
        int before = bus.changes().size();
        driver.flush();
        assertEquals(List.of("101" + "000011" + "1111" + "0000" + "1111"),
                framesOf(bus.changes().subList(before, bus.changes().size())));

    }

    @Test
    void flush_opens_a_new_frame_when_that_is_cheaper_than_bridging_the_gap() {
        driver.init();
        driver.show(RamImage.BLANK.withNibble(0, 1).withNibble(40, 1));
        int before = bus.changes().size();
        driver.flush();

        assertEquals(List.of("101" + "000000" + "1000", "101" + "101000" + "1000"),
                framesOf(bus.changes().subList(before, bus.changes().size())));
    }

    @Test
    void a_one_digit_update_costs_under_a_quarter_of_a_full_refresh() {
        driver.init();
        RamImage digits = RamImage.BLANK.withNibble(0, 0b0111).withNibble(1, 0b0110).withNibble(2, 0b1111)
                .withNibble(3, 0b0100);
        driver.show(digits);
        driver.flush();

        driver.show(digits.withNibble(2, 0b0110).withNibble(3, 0b0000));
        long oneDigit = driver.flush();
        long before = driver.pinWrites();
        driver.refresh();
        long fullRefresh = driver.pinWrites() - before;

        assertTrue(oneDigit * 4 < fullRefresh, "one digit " + oneDigit + " vs full refresh " + fullRefresh);
    }

    @Test
    void a_write_past_address_63_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> driver.writeSuccessive(62, new int[3]));
    }

    @Test
    void read_back_needs_a_bus_with_rd() {
        assertThrows(UnsupportedOperationException.class, driver::verify);
    }
}
