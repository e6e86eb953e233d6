package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.tm1622.PinTm1622Bus;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.decode.tm1622.EdgeTraceCsv;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import io.openkws.time.VirtualClock;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.SevenSegmentFont;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class LcdCommandTest {

    private static final Path SEGMENTS = Path.of("hardware/kws302wf/lcd-segments.csv");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(CommandLine cli, String... args) {
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int openkws(String... args) {
        return run(Main.commandLine(), args);
    }

    /** The segments a digit field shows for {@code text}, worked out from the font character by character. */
    private static Set<String> fontSegments(String text, int digits) {
        Set<String> lit = new TreeSet<>();
        int cells = text.replace(".", "").length();
        int pos = digits - cells;
        for (char c : text.toCharArray()) {
            if (c == '.') {
                lit.add("main." + pos + ".dp");
                continue;
            }
            pos++;
            int mask = SevenSegmentFont.mask(c);
            for (int s = 0; s < 7; s++) {
                if ((mask >> s & 1) != 0) {
                    lit.add("main." + pos + "." + "abcdefg".charAt(s));
                }
            }
        }
        return lit;
    }

    @ParameterizedTest
    @ValueSource(strings = {"230.5", "-1.234", "OFF", "8.8.8.8.8.", "   42"})
    void a_trace_decoded_by_the_simulated_chip_lights_exactly_the_fonts_segments(String text) throws Exception {
        Path csv = dir.resolve("trace.csv");
        assertEquals(0, openkws("lcd", "trace", "--text", text, "--out", csv.toString(),
                "--segments", SEGMENTS.toString()), err.toString());

        List<String> lines = Files.readAllLines(csv);
        assertEquals("time,CS,WR,DATA", lines.getFirst());
        assertEquals("0.000000000,1,1,1", lines.get(1));
        SimTm1622 chip = EdgeTraceCsv.replay(EdgeTraceCsv.read(csv));
        SegmentMap map = SegmentMap.load(SEGMENTS);

        assertEquals(fontSegments(text, 5), map.litSegments(chip.visible()));
        assertTrue(chip.commandLog().contains(0x01), "SYS EN");
        assertTrue(chip.commandLog().contains(0x03), "LCD ON");
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void render_draws_the_text_and_writes_an_svg() throws Exception {
        Path svg = dir.resolve("lcd.svg");

        assertEquals(0, openkws("lcd", "render", "--text", "12.5", "--icon", "V", "--svg", svg.toString(),
                "--segments", SEGMENTS.toString()), err.toString());

        assertTrue(out.toString().contains("━━━"));
        assertTrue(out.toString().contains("main"));
        assertTrue(Files.readString(svg).contains("</svg>"));
    }

    @Test
    void a_character_the_font_lacks_is_one_line_and_exit_2() {
        assertEquals(2, openkws("lcd", "render", "--text", "MW", "--segments", SEGMENTS.toString()));

        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("openkws: the seven-segment font has no glyph for 'M'"));
    }

    @Test
    void a_bad_segment_map_is_one_line_naming_the_file_and_line() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "segment,address,bit\nicon.V,0,0\nicon.A,0,0\n");

        assertEquals(2, openkws("lcd", "render", "--text", "1", "--segments", bad.toString()));
        assertEquals("openkws: " + bad + ":3: address 0 bit 0 is already used by icon.V (line 2)",
                err.toString().strip());
    }

    @Test
    void probe_without_a_gpio_bus_fails_with_one_clear_line() {
        assertEquals(2, openkws("lcd", "probe", "--out", dir.resolve("map.csv").toString()));

        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("openkws: lcd probe needs the meter's TM1622 wired to GPIO"));
    }

    /** Stdin of a person who looks at the simulated glass and names the one segment that is lit. */
    private static final class Observer extends InputStream {
        private final SimTm1622 chip;
        private final SegmentMap panel;
        private byte[] line = new byte[0];
        private int next;

        Observer(SimTm1622 chip, SegmentMap panel) {
            this.chip = chip;
            this.panel = panel;
        }

        private void look() {
            if (next < line.length) {
                return;
            }
            List<RamImage.Position> lit = chip.visible().litPositions();
            String name = lit.size() == 1 && panel.segmentAt(lit.getFirst()) != null
                    ? panel.segmentAt(lit.getFirst()) : "";
            line = (name + "\n").getBytes(StandardCharsets.UTF_8);
            next = 0;
        }

        @Override
        public int read() {
            look();
            return line[next++] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            look();
            int count = Math.min(length, line.length - next);
            System.arraycopy(line, next, buffer, offset, count);
            next += count;
            return count;
        }

        @Override
        public int available() {
            return line.length - next;
        }
    }

    @Test
    void probe_on_the_simulated_chip_rebuilds_the_panels_segment_map() throws Exception {
        VirtualClock clock = new VirtualClock();
        SimTm1622 chip = new SimTm1622(clock);
        SegmentMap panel = SegmentMap.load(SEGMENTS);
        LcdCommand lcd = new LcdCommand(() -> new PinTm1622Bus(chip.pin(Line.CS), chip.pin(Line.WR),
                chip.pin(Line.DATA), clock), new Observer(chip, panel));
        Path map = dir.resolve("probed.csv");

        assertEquals(0, run(new CommandLine(lcd), "probe", "--out", map.toString()), err.toString());

        SegmentMap probed = SegmentMap.load(map);
        assertEquals(panel.segments(), probed.segments());
        for (String segment : panel.segments()) {
            assertEquals(panel.position(segment), probed.position(segment), segment);
        }
        assertEquals(RamImage.BLANK, chip.visible(), "the probe blanks the display when done");
        assertEquals(List.of(), chip.violations());
    }

    @Test
    void probe_asks_again_after_a_bad_name_and_saves_what_it_has_on_q() throws Exception {
        VirtualClock clock = new VirtualClock();
        SimTm1622 chip = new SimTm1622(clock);
        InputStream answers = new ByteArrayInputStream("banana\nmain.1.a\n\nmain.1.a\nicon.V\nq\n"
                .getBytes(StandardCharsets.UTF_8));
        LcdCommand lcd = new LcdCommand(() -> new PinTm1622Bus(chip.pin(Line.CS), chip.pin(Line.WR),
                chip.pin(Line.DATA), clock), answers);
        Path map = dir.resolve("partial.csv");

        assertEquals(0, run(new CommandLine(lcd), "probe", "--out", map.toString()), err.toString());

        assertTrue(out.toString().contains("'banana' is not a segment name"));
        assertTrue(out.toString().contains("main.1.a was already seen at 0/0"));
        assertEquals(List.of("main.1.a,0,0", "icon.V,0,2"),
                Files.readAllLines(map).stream().filter(l -> !l.startsWith("#")).skip(1).toList());
        assertTrue(out.toString().contains("note: the map is not complete yet"));
    }
}
