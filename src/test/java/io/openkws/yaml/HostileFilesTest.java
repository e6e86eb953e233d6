package io.openkws.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.calibration.FrontEndSetup;
import io.openkws.scenario.Scenario;
import io.openkws.ui.SegmentMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Files a hostile or unlucky user can hand every loader: duplicate keys, huge files, devices, non-UTF-8 bytes. */
class HostileFilesTest {

    @TempDir
    Path dir;

    private static final String DUPLICATE = """
            protection:
              overVoltage:
                limit: 260
                limit: 240
            """;

    @Test
    void a_duplicate_key_names_file_line_key_and_the_first_line() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfNode.parse("c.yaml", DUPLICATE));
        assertEquals("c.yaml:4: protection.overVoltage.limit: duplicate key (already set on line 3; remove one of"
                + " them)", e.getMessage());
    }

    @Test
    void a_duplicate_key_inside_a_list_item_is_found_too() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfNode.parse("s.yaml", "steps:\n  - at: 1\n    at: 2\n"));
        assertEquals("s.yaml:3: steps[0].at: duplicate key (already set on line 2; remove one of them)",
                e.getMessage());
    }

    @Test
    void the_same_key_in_two_different_mappings_is_not_a_duplicate() {
        ConfNode root = ConfNode.parse("c.yaml", "a: { limit: 1 }\nb: { limit: 2 }\n");
        assertEquals(2, root.section("b").integer("limit", 0, 0, 9));
    }

    @Test
    void every_loader_rejects_a_duplicate_key() throws Exception {
        Path file = write("dup.yaml", "name: a\nname: b\n");
        Path boardDir = Files.createDirectories(dir.resolve("board"));
        Files.writeString(boardDir.resolve("board.yaml"), "name: a\nname: b\n");
        List<Runnable> loaders = List.of(() -> Config.load(file), () -> Scenario.load(file),
                () -> CalibrationProfile.load(file), () -> FrontEnd.load(file), () -> FrontEndSetup.load(file),
                () -> BoardSpec.load(boardDir));
        for (Runnable loader : loaders) {
            ConfigException e = assertThrows(ConfigException.class, loader::run);
            assertTrue(e.getMessage().endsWith(":2: name: duplicate key (already set on line 1; remove one of them)"),
                    e.getMessage());
        }
    }

    @Test
    void a_file_over_one_megabyte_is_refused_by_every_loader_in_one_line() throws Exception {
        Path big = write("big.yaml", "# " + "x".repeat(TextFiles.MAX_BYTES) + "\n");
        Path boardDir = Files.createDirectories(dir.resolve("bigboard"));
        Files.copy(big, boardDir.resolve("board.yaml"));
        List<Runnable> loaders = List.of(() -> Config.load(big), () -> Scenario.load(big),
                () -> CalibrationProfile.load(big), () -> FrontEnd.load(big), () -> FrontEndSetup.load(big),
                () -> BoardSpec.load(boardDir), () -> SegmentMap.load(big));
        for (Runnable loader : loaders) {
            ConfigException e = assertThrows(ConfigException.class, loader::run);
            assertTrue(e.getMessage().contains(": too large (over 1 MB)"), e.getMessage());
            assertTrue(e.getMessage().length() < 200, e.getMessage());
        }
    }

    @Test
    void a_file_of_exactly_one_megabyte_is_still_read() throws Exception {
        String text = "a: 1\n#" + "x".repeat(TextFiles.MAX_BYTES - 7) + "\n";
        Path file = write("edge.yaml", text);
        assertEquals(TextFiles.MAX_BYTES, Files.size(file));
        assertEquals(text, TextFiles.read(file, "edge.yaml"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void dev_zero_as_a_config_is_refused_after_one_megabyte_instead_of_filling_the_heap() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(Path.of("/dev/zero")));
        assertEquals("/dev/zero: too large (over 1 MB); this file is normally a few kB: is it the right file?",
                e.getMessage());
    }

    @Test
    void a_latin1_file_names_the_line_and_byte_offset_of_the_first_bad_byte() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "name: a\nnote: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load(file));
        assertEquals(file + ":2: not UTF-8 text (byte 0xE9 at byte offset 17); save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void a_non_utf8_segment_map_gets_the_same_message() throws Exception {
        Path file = dir.resolve("map.csv");
        Files.write(file, new byte[] {'s', 'e', 'g', '\n', (byte) 0xFF, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> SegmentMap.load(file));
        assertEquals(file + ":2: not UTF-8 text (byte 0xFF at byte offset 4); save the file as UTF-8",
                e.getMessage());
    }

    @Test
    void a_huge_value_is_not_echoed_whole() {
        String huge = "9".repeat(100_000) + "x";
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfNode.parse("c.yaml", "limit: " + huge + "\n").number("limit", 0, 0, 10));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().startsWith("c.yaml:1: limit: '" + "9".repeat(60) + "… (100001 characters)'"),
                e.getMessage());
    }

    @Test
    void a_huge_capture_token_or_scenario_command_is_not_echoed_whole() {
        String token = "Z".repeat(50_000);
        io.openkws.decode.CaptureException capture = assertThrows(io.openkws.decode.CaptureException.class,
                () -> io.openkws.decode.CaptureText.parse("cap.txt", "MCU> 55 " + token + "\n"));
        assertEquals("cap.txt:1: '" + "Z".repeat(60) + "… (50000 characters)' is not hex bytes (two hex digits per"
                + " byte)", capture.getMessage());
        ConfigException scenario = assertThrows(ConfigException.class, () -> Scenario.parse("s.yaml",
                "duration: 10\nsteps:\n  - at: 1\n    command: " + token + "\n"));
        assertTrue(scenario.getMessage().length() < 200, scenario.getMessage());
    }

    @Test
    void a_huge_unknown_key_is_not_echoed_whole() {
        String key = "k".repeat(50_000);
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfNode.parse("c.yaml", key + ": 1\n").allowOnly("a"));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void text_lines_splits_on_lf_crlf_and_cr_and_counts_lines() {
        List<String> lines = new ArrayList<>();
        try (TextLines in = lines("a\r\nb\rc\n\nd")) {
            for (String l = in.next(); l != null; l = in.next()) {
                lines.add(in.lineNumber() + ":" + l);
            }
        }
        assertEquals(List.of("1:a", "2:b", "3:c", "4:", "5:d"), lines);
    }

    @Test
    void text_lines_ends_cleanly_after_a_final_line_break() {
        try (TextLines in = lines("a\r\n")) {
            assertEquals("a", in.next());
            assertNull(in.next());
            assertNull(in.next());
        }
    }

    @Test
    void text_lines_reports_a_bad_byte_with_line_and_file_offset() {
        byte[] bytes = "ok\nal\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        try (TextLines in = new TextLines(new ByteArrayInputStream(bytes), "cap.txt")) {
            assertEquals("ok", in.next());
            ConfigException e = assertThrows(ConfigException.class, in::next);
            assertEquals("cap.txt:2: not UTF-8 text (byte 0xE9 at byte offset 5); save the file as UTF-8",
                    e.getMessage());
        }
    }

    @Test
    void text_lines_refuses_a_line_longer_than_its_bound() {
        try (TextLines in = lines("x".repeat(TextLines.MAX_LINE_BYTES + 1))) {
            ConfigException e = assertThrows(ConfigException.class, in::next);
            assertEquals("t:1: line longer than 65536 bytes (not a text file of lines?)", e.getMessage());
        }
        try (TextLines in = lines("x".repeat(TextLines.MAX_LINE_BYTES) + "\nb")) {
            assertEquals(TextLines.MAX_LINE_BYTES, in.next().length());
            assertEquals("b", in.next());
        }
    }

    @Test
    void text_lines_decodes_multibyte_characters_split_across_its_buffer() {
        String text = "bc\n" + "a".repeat(64 * 1024 - 4) + "é\n€";
        List<String> got = new ArrayList<>();
        Consumer<String> add = got::add;
        try (TextLines in = lines(text)) {
            for (String l = in.next(); l != null; l = in.next()) {
                add.accept(l);
            }
        }
        assertEquals(List.of("bc", "a".repeat(64 * 1024 - 4) + "é", "€"), got);
    }

    private static TextLines lines(String text) {
        return new TextLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t");
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
