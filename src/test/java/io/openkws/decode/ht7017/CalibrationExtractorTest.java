package io.openkws.decode.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.yaml.ConfNode;
import io.openkws.decode.CaptureText;
import io.openkws.decode.Captures;
import io.openkws.decode.DecodeEvent;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrationExtractorTest {

    static String write(int address, int value, int ack) {
        return "MCU> " + HexFormat.ofDelimiter(" ").formatHex(Ht7017Frames.writeRequest(address, value))
                + String.format("%nCHIP> %02X%n", ack);
    }

    static SortedMap<Integer, Integer> extract(String text) {
        return CalibrationExtractor.calibrationWrites(Ht7017TrafficDecoder.decode(CaptureText.parse("t", text)));
    }

    @Test
    void the_synthetic_boot_capture_yields_the_acknowledged_calibration_writes_last_value_winning() {
        List<DecodeEvent> events = Ht7017TrafficDecoder.decode(
                CaptureText.read(Captures.path("ht7017-synthetic-boot.txt")));
        Map<Integer, Integer> expected = new TreeMap<>(Map.of(
                0x41, 0x0088, 0x42, 0x007E, 0x43, 0x0007,
                0x50, 0xFF12, 0x51, 0xFF12, 0x52, 0xFF12,
                0x59, 0x000C, 0x69, 0x0005, 0x6D, 0xFFA0));
        assertEquals(expected, CalibrationExtractor.calibrationWrites(events));
    }

    @Test
    void refused_writes_bad_checksums_and_write_protect_or_reset_writes_are_not_extracted() {
        String text = write(0x32, 0xA6, 0x54) + write(0x59, 0x000C, 0x54) + write(0x59, 0x100C, 0x63)
                + "MCU> 6A DE 12 34 00\nCHIP> 54\n" + write(0x30, 0x0002, 0x54) + write(0x32, 0x00, 0x54);
        assertEquals(Map.of(0x59, 0x000C), extract(text));
    }

    @Test
    void an_acknowledged_soft_reset_forgets_the_writes_before_it() {
        String text = write(0x61, 0x0040, 0x54) + write(0x50, 0x1111, 0x54) + write(0x33, 0x55, 0x54)
                + write(0x50, 0xFF12, 0x54);
        assertEquals(Map.of(0x50, 0xFF12), extract(text));
    }

    @Test
    void the_written_profile_parses_and_holds_every_register_with_its_value(@TempDir Path dir) {
        List<DecodeEvent> events = Ht7017TrafficDecoder.decode(
                CaptureText.read(Captures.path("ht7017-synthetic-boot.txt")));
        SortedMap<Integer, Integer> writes = CalibrationExtractor.calibrationWrites(events);
        Path out = dir.resolve("profile.yaml");
        CalibrationExtractor.write(out, "ht7017-synthetic-boot.txt", writes);
        ConfNode profile = ConfNode.load(out);
        profile.allowOnly("name", "note", "scales", "registers");
        assertEquals("extracted-from-ht7017-synthetic-boot.txt", profile.requireString("name"));
        assertTrue(profile.requireString("note").contains("./openkws calibrate"));
        ConfNode scales = profile.section("scales").allowOnly("voltage", "current", "currentOffset", "power",
                "frequency");
        assertEquals(10961.98, scales.requireNumber("voltage", 0, 1e9));
        assertEquals(2342.02, scales.requireNumber("current", 0, 1e9));
        assertEquals(440, scales.requireNumber("currentOffset", -1e9, 1e9));
        assertEquals(-3.1777, scales.requireNumber("power", -1e9, 1e9));
        assertEquals(500000, scales.requireNumber("frequency", 0, 1e9));
        Map<String, Long> registers = new LinkedHashMap<>();
        profile.entries("registers").forEach((k, v) -> registers.put(k, v.asLong(0, 0xFFFF)));
        Map<String, Long> expected = new LinkedHashMap<>();
        writes.forEach((a, v) -> expected.put(Ht7017Register.at(a).orElseThrow().sheetName(), (long) v));
        assertEquals(expected, registers);
        assertEquals(9, registers.size());
        assertFalse(registers.containsKey("WPREG"));
    }

    @Test
    void an_address_without_a_fact_sheet_name_is_kept_as_a_comment_and_odd_file_names_are_quoted() {
        String text = CalibrationExtractor.render("boot: \"1\".txt", new TreeMap<>(Map.of(0x44, 0x1234, 0x59, 0x000C)));
        assertTrue(text.contains("  # 0x44: 0x1234"), text);
        ConfNode profile = ConfNode.parse("p.yaml", text);
        assertEquals("extracted-from-boot: \"1\".txt", profile.requireString("name"));
        assertEquals(List.of("ADCCON"), List.copyOf(profile.entries("registers").keySet()));
        ConfNode empty = ConfNode.parse("e.yaml", CalibrationExtractor.render("x.txt", new TreeMap<>()));
        assertTrue(empty.entries("registers").isEmpty());
    }
}
