package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfigException;
import io.openkws.driver.tm1622.RamImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentMapTest {

    static final Path KWS302WF = Path.of("hardware/kws302wf/lcd-segments.csv");

    static SegmentMap provisional() {
        return SegmentMap.load(KWS302WF);
    }

    private static List<String> digitLines(String field, int pos, int address) {
        List<String> lines = new ArrayList<>();
        for (int s = 0; s < 8; s++) {
            lines.add(field + "." + pos + "." + SegmentMap.DIGIT_SEGMENTS.get(s) + "," + (address + s / 4) + ","
                    + s % 4);
        }
        return lines;
    }

    private static ConfigException parseError(List<String> body) {
        List<String> lines = new ArrayList<>(List.of("# test", "segment,address,bit"));
        lines.addAll(body);
        return assertThrows(ConfigException.class, () -> SegmentMap.parse(lines, "map.csv"));
    }

    @Test
    void the_kws302wf_map_loads_and_says_it_is_provisional() throws IOException {
        SegmentMap map = provisional();

        assertTrue(Files.readAllLines(KWS302WF).getFirst().contains("PROVISIONAL"));
        assertEquals(Map.of("main", 5, "aux", 3), map.fields());
        assertTrue(map.icons().containsAll(List.of("V", "A", "W", "kW", "kWh", "Hz", "PF", "h", "°C", "relay")));
    }

    @Test
    void a_duplicate_address_and_bit_is_rejected_with_its_line() {
        List<String> body = new ArrayList<>(digitLines("main", 1, 0));
        body.add("icon.V,1,3");

        ConfigException error = parseError(body);
        assertEquals("map.csv:11: address 1 bit 3 is already used by main.1.dp (line 10)", error.getMessage());
    }

    @Test
    void an_unknown_segment_name_is_rejected() {
        ConfigException error = parseError(List.of("main.1.x,0,0"));
        assertTrue(error.getMessage().startsWith("map.csv:3: unknown segment name 'main.1.x'"), error.getMessage());

        ConfigException icon = parseError(List.of("icon.banana,0,0"));
        assertTrue(icon.getMessage().startsWith("map.csv:3: unknown segment name 'icon.banana'"));
    }

    @Test
    void a_segment_mapped_twice_is_rejected() {
        ConfigException error = parseError(List.of("icon.V,0,0", "icon.V,0,1"));
        assertEquals("map.csv:4: segment icon.V is already mapped on line 3", error.getMessage());
    }

    @Test
    void a_digit_missing_a_segment_or_a_position_is_rejected() {
        List<String> body = new ArrayList<>(digitLines("main", 1, 0));
        body.remove("main.1.g,1,2");
        assertEquals("map.csv: digit main.1 has no segment g", parseError(body).getMessage());

        List<String> gap = new ArrayList<>(digitLines("main", 2, 0));
        assertEquals("map.csv: digit main.1 has no segment a", parseError(gap).getMessage());
    }

    @Test
    void out_of_range_positions_and_a_missing_header_are_rejected() {
        assertTrue(parseError(List.of("icon.V,64,0")).getMessage().contains("address must be 0..63, got 64"));
        assertTrue(parseError(List.of("icon.V,0,4")).getMessage().contains("bit must be 0..3, got 4"));
        ConfigException header = assertThrows(ConfigException.class,
                () -> SegmentMap.parse(List.of("name,address,bit"), "map.csv"));
        assertTrue(header.getMessage().startsWith("map.csv:1: expected the header segment,address,bit"));
    }

    @Test
    void lit_segments_go_to_ram_and_back() {
        SegmentMap map = provisional();
        Set<String> lit = Set.of("main.2.c", "aux.3.dp", "icon.kWh");

        RamImage image = map.toRam(lit);

        assertEquals(3, image.litPositions().size());
        assertEquals(lit, map.litSegments(image));
        assertEquals(List.of(), map.unmappedLit(image));
        assertEquals(1, map.unmappedLit(image.withBit(63, 3, true)).size());
    }
}
