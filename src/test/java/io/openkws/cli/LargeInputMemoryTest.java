package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import io.openkws.bench.JvmOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decoders read captures larger than the launcher's heap (32 MB): each runs in a child JVM with the launcher's
 * flags on a generated file, and must reach its end (the last line's problem is reported, or the frame count is
 * complete) without an {@link OutOfMemoryError}. Before streaming, {@code decode} ran out of heap on a 12 MB
 * capture. Tagged slow: about a minute of CPU.
 */
@Tag("slow")
class LargeInputMemoryTest {

    /** The launcher's JVM flags for {@code command}, from the one file it reads ({@code src/dist/jvm.options}). */
    private static List<String> launcherFlags(String command) {
        return JvmOptions.forCommand(Path.of("").toAbsolutePath(), command);
    }

    @TempDir
    Path dir;

    @Test
    void decode_ht7017_reads_a_capture_of_200_mb_under_the_launchers_heap() throws Exception {
        Path capture = dir.resolve("ht7017.txt");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(capture, StandardCharsets.UTF_8)) {
            String chip = String.format("CHIP> 00 12 34 %02X%n",
                    io.openkws.driver.ht7017.Ht7017Frames.readChecksum(0x08, 0x001234));
            double t = 0;
            long bytes = 0;
            while (bytes < 200_000_000L) {
                String mcu = String.format(Locale.ROOT, "%.4f MCU> 6A 08%n", t);
                w.write(mcu);
                w.write(chip);
                bytes += mcu.length() + chip.length();
                t += 0.05;
                lines += 2;
            }
            w.write("MCU> 6A\n");
            lines++;
        }
        assertTrue(Files.size(capture) > 200_000_000L, "only " + Files.size(capture) + " bytes");
        Result r = decode("ht7017", capture);
        assertEquals(0, r.exit(), r.err());
        assertEquals("openkws: line " + lines + ": the capture ends inside command 6A\n", r.err());
    }

    @Test
    void decode_tuyamcu_reads_a_capture_of_70_mb_under_the_launchers_heap() throws Exception {
        Path capture = dir.resolve("tuya.txt");
        long lines = 0;
        try (BufferedWriter w = Files.newBufferedWriter(capture, StandardCharsets.UTF_8)) {
            while (lines < 1_800_000) {
                w.write("MCU> 55 AA 03 07 00 08 6B 02 00 04 00 00 00 32 B4\n");
                w.write("WIFI> 55 AA 00 00 00 00 FF\n");
                lines += 2;
            }
            w.write("MCU> 55 AA 03\n");
            lines++;
        }
        assertTrue(Files.size(capture) > 69_000_000L, "only " + Files.size(capture) + " bytes");
        Result r = decode("tuyamcu", capture);
        assertEquals(0, r.exit(), r.err());
        assertEquals("openkws: line " + lines + ": skipped 3 byte(s) from MCU that are not a TuyaMCU frame, the"
                + " capture ends inside a frame header: 55 AA 03\n", r.err());
    }

    @Test
    void decode_tm1622_reads_a_trace_of_70_mb_under_the_launchers_heap() throws Exception {
        Path trace = dir.resolve("lcd.csv");
        int frames = 0;
        try (BufferedWriter w = Files.newBufferedWriter(trace, StandardCharsets.UTF_8)) {
            w.write("time,CS,WR,DATA\n");
            long us = 0;
            int[] bits = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
            StringBuilder sb = new StringBuilder();
            while (frames < 120_000) {
                sb.setLength(0);
                row(sb, us, 1, 1, 1);
                row(sb, us + 10, 0, 1, 1);
                us += 20;
                int data = 1;
                for (int bit : bits) {
                    row(sb, us, 0, 0, data);
                    row(sb, us + 3, 0, 0, bit);
                    row(sb, us + 6, 0, 1, bit);
                    data = bit;
                    us += 10;
                }
                row(sb, us, 1, 1, data);
                us += 10;
                w.write(sb.toString());
                frames++;
            }
        }
        assertTrue(Files.size(trace) > 69_000_000L, "only " + Files.size(trace) + " bytes");
        Result r = decode("tm1622", trace);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.lastOut().equals(frames + " frames, 0 images, 0 violations; at the end: SYS EN, LCD OFF"),
                r.lastOut());
    }

    @Test
    void simulate_writes_three_hours_of_readings_under_the_launchers_heap() throws Exception {
        Path scenario = dir.resolve("long.yaml");
        Files.writeString(scenario, "duration: 10800\nmemory: on\nsteps:\n  - at: 0.0\n    voltage: 230.0\n"
                + "    current: 2.0\n");
        Path events = dir.resolve("events.jsonl");
        Path err = dir.resolve("simulate.err");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(launcherFlags("simulate"));
        command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")), Main.class.getName(), "simulate", "--scenario",
                scenario.toString(), "--events", events.toString(), "--readings"));
        Process child = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!child.waitFor(15, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("simulate did not finish in 15 minutes");
        }
        assertEquals(0, child.exitValue(), Files.readString(err));
        long readings;
        String last;
        try (var lines = Files.lines(events)) {
            readings = lines.filter(l -> l.contains("\"reading\"")).count();
        }
        try (var lines = Files.lines(events)) {
            last = lines.reduce((a, b) -> b).orElse("");
        }
        assertTrue(readings > 100_000, readings + " readings");
        assertTrue(last.startsWith("{\"t\":107") || last.startsWith("{\"t\":108"), last);
    }

    private static void row(StringBuilder sb, long micros, int cs, int wr, int data) {
        sb.append(micros / 1_000_000).append('.');
        String frac = Long.toString(micros % 1_000_000);
        sb.append("0".repeat(6 - frac.length())).append(frac).append(',').append(cs).append(',').append(wr)
                .append(',').append(data).append('\n');
    }

    private record Result(int exit, String err, String lastOut) {
    }

    /** Runs {@code openkws decode KIND FILE --json} (tm1622: without --json) in a child JVM with the launcher's flags. */
    private Result decode(String kind, Path file) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(launcherFlags("decode"));
        command.addAll(List.of("-cp", classPath, Main.class.getName(), "decode", kind, file.toString()));
        if (!kind.equals("tm1622")) {
            command.add("--json");
        }
        Path out = dir.resolve(kind + ".out");
        Path err = dir.resolve(kind + ".err");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("decode " + kind + " did not finish in 10 minutes");
        }
        String last = "";
        try (var lines = Files.lines(out)) {
            last = lines.reduce((a, b) -> b).orElse("");
        }
        String errText = Files.readString(err);
        Files.delete(out);
        return new Result(child.exitValue(), errText, last);
    }
}
