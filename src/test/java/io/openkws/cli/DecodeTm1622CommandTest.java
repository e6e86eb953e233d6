package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.CaptureException;
import io.openkws.driver.tm1622.RamImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DecodeTm1622CommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private int decode(String... args) {
        CommandLine cli = new CommandLine(new DecodeTm1622Command());
        cli.setOut(new PrintWriter(out, true));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            failure.set(ex);
            return 2;
        });
        return cli.execute(args);
    }

    private Path traceOf(RamImage image) throws Exception {
        Path csv = dir.resolve("trace.csv");
        Files.writeString(csv, LcdCommand.trace(image, 5_000));
        return csv;
    }

    private List<String> imageLines() {
        return out.toString().lines().filter(l -> l.startsWith("  image ")).toList();
    }

    @Test
    void decoding_an_lcd_trace_gives_back_the_ram_it_was_made_from() throws Exception {
        Random random = new Random(99);
        int[] nibbles = new int[RamImage.ADDRESSES];
        for (int a = 0; a < nibbles.length; a++) {
            nibbles[a] = random.nextInt(16);
        }
        RamImage image = RamImage.of(nibbles);

        assertEquals(0, decode("--hex", traceOf(image).toString()));

        assertEquals(List.of("  image 1: " + RamImage.BLANK.hex(), "  image 2: " + image.hex()), imageLines());
        assertTrue(out.toString().contains(" command SYS EN, RC 32K, NORMAL\n"));
        assertTrue(out.toString().contains(" command LCD ON\n"));
        assertTrue(out.toString().endsWith("0 violations; at the end: SYS EN, LCD ON\n"), out.toString());
    }

    @Test
    void each_write_frame_gives_an_image_and_diff_lists_the_bits_that_changed() throws Exception {
        RamImage image = RamImage.BLANK.withBit(2, 1, true).withBit(40, 3, true);

        assertEquals(0, decode("--diff", traceOf(image).toString()));

        assertEquals(List.of("  image 1: (all off)", "  image 2: 2/1", "  image 3: 2/1 40/3"), imageLines());
        assertTrue(out.toString().contains("  image 2: 2/1\n  changed: +2/1\n"), out.toString());
        assertTrue(out.toString().contains("  image 3: 2/1 40/3\n  changed: +40/3\n"), out.toString());
    }

    @Test
    void a_bad_row_is_a_user_error_naming_the_line() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "# capture\ntime,CS,WR,DATA\n0.0,1,1,1\n0.1,1,2,1\n");

        assertEquals(2, decode(csv.toString()));

        CaptureException error = assertInstanceOf(CaptureException.class, failure.get());
        assertEquals(csv + ":4: level must be 0 or 1, got '2'", error.getMessage());
    }

    @Test
    void violations_in_a_capture_are_reported() throws Exception {
        Path csv = dir.resolve("cut.csv");
        Files.writeString(csv, "time,CS,WR,DATA\n0,1,1,1\n0.00001,0,1,1\n0.00002,0,0,1\n0.00003,0,1,1\n"
                + "0.00004,1,1,1\n");

        assertEquals(0, decode(csv.toString()));

        assertTrue(out.toString().contains("violation at 0.000040000 s: frame cut short: CS rose after 1 of 3"),
                out.toString());
    }
}
