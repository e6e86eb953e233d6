package io.openkws.decode.tuyamcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.CaptureChunk;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The streaming decoder decides early exactly what it would decide with the whole capture in hand. */
class TuyaMcuStreamingTest {

    @Property(tries = 400)
    void deciding_line_by_line_gives_the_events_of_deciding_at_the_end(@ForAll long seed) {
        List<CaptureChunk> chunks = randomCapture(new Random(seed));
        assertEquals(describe(decode(chunks, false)), describe(decode(chunks, true)));
    }

    @Test
    void frames_are_handed_on_before_the_capture_ends() {
        List<DecodeEvent> seen = new ArrayList<>();
        TuyaMcuDecoder decoder = new TuyaMcuDecoder(seen::add);
        for (int line = 1; line <= 1000; line++) {
            decoder.accept(new CaptureChunk(line, OptionalDouble.empty(), line % 2 == 0 ? Direction.MCU
                    : Direction.WIFI, frame(3, 7, new byte[] {1, 1, 0, 1, 1})));
        }
        assertTrue(seen.size() >= 998, "only " + seen.size() + " of 1000 frames handed on before the end");
        decoder.finish();
        assertEquals(1000, seen.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i + 1, seen.get(i).line());
        }
    }

    @Test
    void a_sender_that_stops_inside_a_frame_holds_back_a_bounded_number_of_events() {
        List<DecodeEvent> seen = new ArrayList<>();
        TuyaMcuDecoder decoder = new TuyaMcuDecoder(seen::add);
        decoder.accept(new CaptureChunk(1, OptionalDouble.empty(), Direction.WIFI, new byte[] {0x55, (byte) 0xAA, 0}));
        int lines = TuyaMcuDecoder.MAX_HELD_EVENTS + 500;
        for (int line = 2; line <= lines; line++) {
            decoder.accept(new CaptureChunk(line, OptionalDouble.empty(), Direction.MCU, frame(3, 0, new byte[0])));
        }
        assertEquals(lines - 1 - TuyaMcuDecoder.MAX_HELD_EVENTS, seen.size());
        decoder.finish();
        assertEquals(lines, seen.size());
        DecodeEvent cutOff = seen.get(lines - 1 - TuyaMcuDecoder.MAX_HELD_EVENTS);
        assertTrue(cutOff instanceof DecodeProblem p && p.line() == 1, cutOff.toString());
    }

    private static List<DecodeEvent> decode(List<CaptureChunk> chunks, boolean early) {
        List<DecodeEvent> events = new ArrayList<>();
        TuyaMcuDecoder decoder = new TuyaMcuDecoder(events::add, early);
        chunks.forEach(decoder::accept);
        decoder.finish();
        return events;
    }

    private static List<String> describe(List<DecodeEvent> events) {
        return events.stream().map(e -> switch (e) {
            case TuyaFrame f -> f.line() + " " + TuyaMcuOutput.json(f);
            case DecodeProblem p -> p.describe();
            default -> e.toString();
        }).toList();
    }

    /** Lines of frames, corrupted frames, false and over-long headers and garbage from two or three senders. */
    private static List<CaptureChunk> randomCapture(Random r) {
        List<CaptureChunk> chunks = new ArrayList<>();
        int lines = 1 + r.nextInt(40);
        Direction[] senders = {Direction.MCU, Direction.WIFI, null};
        for (int line = 1; line <= lines; line++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            int pieces = 1 + r.nextInt(4);
            for (int p = 0; p < pieces; p++) {
                byte[] data = new byte[r.nextInt(10) < 8 ? r.nextInt(12) : r.nextInt(300)];
                r.nextBytes(data);
                byte[] f = frame(r.nextInt(4), r.nextInt(8), data);
                switch (r.nextInt(9)) {
                    case 0, 1 -> bytes.writeBytes(f);
                    case 2 -> {
                        f[r.nextInt(f.length)] ^= (byte) (1 + r.nextInt(255));
                        bytes.writeBytes(f);
                    }
                    case 3 -> bytes.write(f, 0, r.nextInt(f.length));
                    case 4 -> bytes.writeBytes(new byte[] {0x55, (byte) 0xAA, 0, 0, (byte) 0xFF, (byte) 0xFF});
                    case 5 -> bytes.writeBytes(new byte[] {0x55});
                    case 6, 7 -> {
                        byte[] inner = frame(0, 1, new byte[r.nextInt(40)]);
                        int cut = 2 + r.nextInt(inner.length - 1);
                        byte[] outer = frame(1, 2, java.util.Arrays.copyOf(inner, cut));
                        outer[outer.length - 1] ^= 1;
                        bytes.writeBytes(outer);
                        bytes.write(inner, cut, inner.length - cut);
                    }
                    default -> {
                        byte[] garbage = new byte[1 + r.nextInt(6)];
                        r.nextBytes(garbage);
                        bytes.writeBytes(garbage);
                    }
                }
            }
            if (bytes.size() == 0) {
                continue;
            }
            Direction d = senders[r.nextInt(r.nextBoolean() ? 2 : 3)];
            chunks.add(new CaptureChunk(line, OptionalDouble.empty(), d, bytes.toByteArray()));
        }
        return chunks;
    }

    private static byte[] frame(int version, int command, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x55, (byte) 0xAA, (byte) version, (byte) command, (byte) (data.length >> 8),
                (byte) data.length});
        out.writeBytes(data);
        int sum = 0;
        for (byte b : out.toByteArray()) {
            sum += b & 0xFF;
        }
        out.write(sum);
        return out.toByteArray();
    }
}
