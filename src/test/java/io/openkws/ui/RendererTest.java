package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.driver.tm1622.RamImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class RendererTest {

    private final SegmentMap map = SegmentMapTest.provisional();

    @Test
    void the_terminal_picture_draws_each_lit_segment_where_it_belongs() {
        RamImage image = LcdFrame.text("main", "1.7").withIcon("kWh").toRam(map, true);

        List<String> lines = new TerminalRenderer(map, false).render(image).lines().toList();

        String top = lines.get(0);
        String upper = lines.get(1);
        String bottom = lines.get(4);
        assertEquals(1, top.split("━━━", -1).length - 1, "only the 7 has its a segment: " + top);
        assertEquals(2, upper.chars().filter(c -> c == '┃').count(), "b of the 1 and of the 7: " + upper);
        assertTrue(bottom.contains("▪"), "the dp after the 1");
        assertTrue(lines.get(2).endsWith("main"));
        assertEquals("kWh", lines.get(10).strip());
    }

    @Test
    void unlit_segments_are_dim_in_ansi_mode_and_unmapped_bits_are_listed() {
        RamImage image = RamImage.BLANK.withBit(63, 3, true);

        String picture = new TerminalRenderer(map, true).render(image);

        assertTrue(picture.contains("\u001b[38;5;237m━━━"));
        assertTrue(picture.endsWith("unmapped lit bits (address/bit): 63/3\n"));
    }

    @Test
    void the_svg_fills_exactly_the_lit_segments_dark() {
        RamImage image = LcdFrame.text("main", "8.8").toRam(map, true);

        String svg = new SvgRenderer(map).render(image);

        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        long dark = svg.lines().filter(l -> l.startsWith("<rect class=") && l.contains("#1b1b1b")).count();
        assertEquals(15, dark);
        assertTrue(svg.contains("class=\"main.5.g\""));
    }
}
