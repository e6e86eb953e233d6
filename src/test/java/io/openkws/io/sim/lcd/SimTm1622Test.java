package io.openkws.io.sim.lcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.io.sim.lcd.SimTm1622.Edge;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Feeds the simulated chip hand-made edges, straight from the fact sheet, without the driver. */
class SimTm1622Test {

    private final SimTm1622 chip = new SimTm1622();
    private final List<Edge> edges = new ArrayList<>();
    private long t;

    private void at(Line line, boolean high) {
        edges.add(new Edge(t, line, high));
    }

    private void frame(String bits) {
        frameStart();
        clock(bits);
        frameEnd();
    }

    private void frameStart() {
        t += 10_000;
        at(Line.CS, false);
    }

    private void clock(String bits) {
        for (char bit : bits.replace(" ", "").toCharArray()) {
            t += 5_000;
            at(Line.WR, false);
            at(Line.DATA, bit == '1');
            t += 5_000;
            at(Line.WR, true);
        }
    }

    private void frameEnd() {
        t += 5_000;
        at(Line.CS, true);
    }

    private void run() {
        chip.feedAll(edges);
    }

    @Test
    void sys_en_and_lcd_on_in_one_frame_turn_the_display_on() {
        frame("100 00000001 1 00000011 0");
        run();

        assertTrue(chip.sysEnabled());
        assertTrue(chip.lcdOn());
        assertEquals(List.of(0x01, 0x03), chip.commandLog());
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void a_successive_write_fills_increasing_addresses_with_nibbles_sent_d0_first() {
        frame("100 00000001 0");
        frame("101 111110 1000 0100 1101");
        run();

        assertEquals(0x1, chip.ram().nibble(62));
        assertEquals(0x2, chip.ram().nibble(63));
        assertEquals(0xB, chip.ram().nibble(0));
        assertEquals(1, chip.violations().size(), "wrapping past 63 is flagged");
        assertTrue(chip.violations().getFirst().message().contains("wrapped"));
        assertEquals(List.of(1, 2, 11),
                ((SimTm1622.WriteFrame) chip.frames().get(1)).nibbles());
    }

    @Test
    void the_visible_image_is_blank_until_lcd_on() {
        frame("100 00000001 0");
        frame("101 000000 1111");
        run();

        assertEquals(0xF, chip.ram().nibble(0));
        assertEquals(0, chip.visible().nibble(0));
    }

    @Test
    void a_ram_write_before_sys_en_is_a_violation() {
        frame("101 000000 1111");
        run();

        assertEquals("RAM write before SYS EN", chip.violations().getFirst().message());
    }

    @Test
    void a_frame_cut_short_inside_a_command_is_a_violation_and_the_command_is_not_executed() {
        frame("100 0000000");
        run();

        assertFalse(chip.sysEnabled());
        assertTrue(chip.violations().getFirst().message().startsWith("frame cut short"));
    }

    @Test
    void a_frame_cut_short_inside_a_nibble_is_a_violation() {
        frame("100 00000001 0");
        frame("101 000001 10");
        run();

        assertTrue(chip.violations().getFirst().message().contains("into a nibble"));
        assertEquals(0, chip.ram().nibble(1));
    }

    @Test
    void data_changing_while_wr_is_high_is_a_violation() {
        frameStart();
        clock("10");
        t += 1_000;
        at(Line.DATA, true);
        frameEnd();
        run();

        assertEquals("DATA changed while WR was high", chip.violations().getFirst().message());
    }

    @Test
    void a_wr_phase_shorter_than_the_minimum_is_a_violation() {
        frameStart();
        t += 5_000;
        at(Line.WR, false);
        t += 1_000;
        at(Line.WR, true);
        frameEnd();
        run();

        assertTrue(chip.violations().stream().anyMatch(v -> v.message().contains("shorter than 3340 ns")));
    }

    @Test
    void an_unknown_mode_id_is_a_violation() {
        frame("111");
        run();

        assertTrue(chip.violations().getFirst().message().startsWith("unknown mode ID 111"));
    }

    @Test
    void read_mode_puts_out_d0_first_on_rd_falling_edges() {
        frame("100 00000001 0");
        frame("101 000111 1011");
        frameStart();
        clock("110 000111");
        StringBuilder read = new StringBuilder();
        run();
        edges.clear();
        for (int i = 0; i < 4; i++) {
            t += 5_000;
            chip.feed(new Edge(t, Line.RD, false));
            t += 5_000;
            chip.feed(new Edge(t, Line.RD, true));
            read.append(chip.dataIn().isHigh() ? '1' : '0');
        }
        frameEnd();
        run();

        assertEquals("1011", read.toString());
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void wr_clocks_while_cs_is_high_are_ignored() {
        clock("100 00000001 0");
        run();

        assertFalse(chip.sysEnabled());
        assertEquals(List.of(), chip.frames());
    }
}
