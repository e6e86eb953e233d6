package io.openkws.fuzz;

import static io.openkws.fuzz.FuzzHarness.survives;
import static io.openkws.fuzz.FuzzHarness.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openkws.decode.CaptureException;
import io.openkws.decode.CaptureChunk;
import io.openkws.decode.CaptureText;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import io.openkws.decode.ht7017.CalibrationExtractor;
import io.openkws.decode.ht7017.Ht7017Output;
import io.openkws.decode.ht7017.Ht7017TrafficDecoder;
import io.openkws.decode.ht7017.Ht7017Transaction;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.time.VirtualClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz targets for everything that reads HT7017 bytes from outside: the shared capture text parser and the
 * traffic decoder ({@code decode ht7017}), and the driver fed by a link that answers with arbitrary bytes (a
 * noisy or foreign chip on the UART).
 *
 * <p>Exists because these are the paths where bytes nobody controls meet the program: the decoder may only
 * report problems or throw a one-line {@link CaptureException}; the driver may only throw a one-line
 * {@link Ht7017Exception} (the meter turns it into METER_LOST).
 */
class Ht7017FuzzTest {

    private static final List<String> CAPTURE_TOKENS = List.of("MCU>", "CHIP>", "WIFI>", " ", "\n", "#", "6A", "EA",
            "C6", "54", "63", "0x", "12.5", "0.0042s", "3s:", ",", ";", "\r\n", "\u2028", "1e308", "99999999999999999999.0",
            "mcu>", "MCU", ">");

    @FuzzTest(maxDuration = "5m")
    void capture_text_decodes_or_names_the_line(byte[] input) {
        survives(input, CaptureException.class, () -> decodeCapture(input));
    }

    @Property(tries = 3000, seed = "7017")
    void capture_text_explored(@ForAll("captures") byte[] input) {
        capture_text_decodes_or_names_the_line(input);
    }

    @Provide
    Arbitrary<byte[]> captures() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "capture_text_decodes_or_names_the_line"),
                CAPTURE_TOKENS);
    }

    @FuzzTest(maxDuration = "5m")
    void decoder_reports_any_byte_stream_without_throwing(byte[] input) {
        FuzzHarness.neverThrows(input, () -> render(Ht7017TrafficDecoder.decode("fuzz", chunks(input))));
    }

    @Property(tries = 3000, seed = "7018")
    void byte_streams_explored(@ForAll("streams") byte[] input) {
        decoder_reports_any_byte_stream_without_throwing(input);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "decoder_reports_any_byte_stream_without_throwing"),
                List.of("\u006A", "\u0001"));
    }

    @FuzzTest(maxDuration = "5m")
    void driver_fails_only_with_ht7017_exceptions(byte[] input) {
        FuzzHarness.neverThrows(input, () -> drive(input));
    }

    @Property(tries = 2000, seed = "7019")
    void chip_replies_explored(@ForAll("replies") byte[] input) {
        driver_fails_only_with_ht7017_exceptions(input);
    }

    @Provide
    Arbitrary<byte[]> replies() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "driver_fails_only_with_ht7017_exceptions"),
                List.of("T", "c"));
    }

    private static void decodeCapture(byte[] input) {
        List<CaptureChunk> chunks = CaptureText.parse("fuzz.txt", text(input));
        List<DecodeEvent> events = Ht7017TrafficDecoder.decode("fuzz.txt", chunks);
        render(events);
    }

    private static void render(List<DecodeEvent> events) {
        for (DecodeEvent e : events) {
            switch (e) {
                case Ht7017Transaction t -> {
                    FuzzHarness.requireOneLine(Ht7017Output.json(t), new byte[0], null);
                    FuzzHarness.requireOneLine(Ht7017Output.human(t), new byte[0], null);
                }
                case DecodeProblem p -> FuzzHarness.requireOneLine(p.describe(), new byte[0], null);
                default -> throw new AssertionError("unexpected event " + e);
            }
        }
        CalibrationExtractor.render("fuzz.txt", CalibrationExtractor.calibrationWrites(events));
    }

    /**
     * Bytes to chunks: each chunk is a header byte (bit 0: MCU or chip; bits 1-3: length - 1; bit 4: a timestamp
     * follows) and, when timed, one byte of milliseconds since the previous chunk, then its bytes.
     */
    private static List<CaptureChunk> chunks(byte[] input) {
        List<CaptureChunk> chunks = new ArrayList<>();
        double timeSeconds = 0;
        int i = 0;
        int line = 1;
        while (i < input.length) {
            int header = input[i++] & 0xFF;
            Direction direction = (header & 1) == 0 ? Direction.MCU : Direction.CHIP;
            int length = ((header >> 1) & 7) + 1;
            OptionalDouble time = OptionalDouble.empty();
            if ((header & 0x10) != 0 && i < input.length) {
                timeSeconds += (input[i++] & 0xFF) / 1000.0;
                time = OptionalDouble.of(timeSeconds);
            }
            byte[] bytes = Arrays.copyOfRange(input, Math.min(i, input.length), Math.min(i + length, input.length));
            i += length;
            if (bytes.length > 0) {
                chunks.add(new CaptureChunk(line++, time, direction, bytes));
            }
        }
        return chunks;
    }

    /** Probe, init, read every register and verify the checksum against a chip that answers {@code input}. */
    private static void drive(byte[] input) {
        VirtualClock clock = new VirtualClock();
        Ht7017Driver driver = new Ht7017Driver(new FuzzLink(input, clock), clock);
        step(input, driver::probe);
        Map<Ht7017Register, Integer> writes = new EnumMap<>(Ht7017Register.class);
        writes.put(Ht7017Register.HFCONST, 0x40);
        writes.put(Ht7017Register.ADCCON, 0x0000);
        writes.put(Ht7017Register.EMUCFG, 0x0000);
        step(input, () -> {
            driver.init(writes);
            return 0;
        });
        for (Ht7017Register r : Ht7017Register.values()) {
            step(input, () -> driver.read(r));
        }
        step(input, () -> driver.verifyChecksum() ? 1 : 0);
    }

    private static void step(byte[] input, java.util.function.IntSupplier action) {
        try {
            action.getAsInt();
        } catch (Ht7017Exception e) {
            FuzzHarness.requireOneLine(e.getMessage(), input, e);
        }
    }

    /** A chip that answers every read with the next bytes of the fuzz input, then stays silent. */
    private static final class FuzzLink implements Ht7017Link {
        private final byte[] replies;
        private final VirtualClock clock;
        private int position;

        FuzzLink(byte[] replies, VirtualClock clock) {
            this.replies = replies;
            this.clock = clock;
        }

        @Override
        public void write(byte[] bytes) {
        }

        @Override
        public int read(byte[] buffer, int count, long timeoutNanos) {
            int n = Math.min(count, replies.length - position);
            System.arraycopy(replies, position, buffer, 0, n);
            position += n;
            if (n < count) {
                clock.advanceTo(clock.nanoTime() + timeoutNanos);
            }
            return n;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
