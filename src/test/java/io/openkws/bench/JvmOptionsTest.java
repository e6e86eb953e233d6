package io.openkws.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flags file is read as the launcher reads it, and the repository's file bounds the heap explicitly. */
class JvmOptionsTest {

    @Test
    void comments_and_blank_lines_are_skipped_and_command_lines_apply_to_their_command_only() {
        String text = """
                # a comment
                -Xss256k   -XX:+UseSerialGC # two on a line

                -Xmx32m
                bench: -Xmx96m
                  decode:-Xmx48m
                -XX:SharedArchiveFile=/a:b
                """;
        assertEquals(List.of("-Xss256k", "-XX:+UseSerialGC", "-Xmx32m", "-XX:SharedArchiveFile=/a:b"),
                JvmOptions.parse(text, "run"));
        assertEquals(List.of("-Xss256k", "-XX:+UseSerialGC", "-Xmx32m", "-Xmx96m", "-XX:SharedArchiveFile=/a:b"),
                JvmOptions.parse(text, "bench"));
        assertEquals(List.of("-Xss256k", "-XX:+UseSerialGC", "-Xmx32m", "-Xmx48m", "-XX:SharedArchiveFile=/a:b"),
                JvmOptions.parse(text, "decode"));
    }

    @Test
    void the_projects_flags_set_both_heap_bounds_so_nothing_depends_on_the_hosts_ram() {
        List<String> flags = JvmOptions.forCommand(Path.of("").toAbsolutePath(), "run");
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xms")), flags.toString());
        assertTrue(flags.stream().anyMatch(f -> f.startsWith("-Xmx")), flags.toString());
    }

    @Test
    void the_systemd_unit_takes_its_flags_from_the_launcher_not_from_a_copy() throws Exception {
        String unit = Files.readString(Path.of("src/dist/systemd/openkws.service"));
        assertTrue(unit.lines().noneMatch(l -> l.startsWith("Environment=") && l.contains("-X")), unit);
        assertTrue(unit.lines().anyMatch(l -> l.startsWith("ExecStart=") && l.contains("/openkws --installed run")), unit);
    }
}
