package io.openkws.driver.tuyamcu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The shared TuyaMCU frame codec: encoding matches the capture, data points round-trip, and the incremental decoder
 * decides the same whatever pieces the stream arrives in ({@code decode tuyamcu}'s own tests cover its rules).
 */
class TuyaMcuFrameDecoderTest {

    private static byte[] hex(String s) {
        return HexFormat.ofDelimiter(" ").parseHex(s);
    }

    @Test
    void encode_gives_the_captured_heartbeat_answer_and_status_report() {
        assertArrayEquals(hex("55 AA 03 00 00 01 00 03"), TuyaMcuFrames.encode(3, 0x00, new byte[] {0}));
        assertArrayEquals(hex("55 AA 03 07 00 08 6B 02 00 04 00 00 00 32 B4"),
                TuyaMcuFrames.encode(3, 0x07, DataPoint.encode(List.of(DataPoint.value(107, 50)))));
    }

    @Test
    void data_points_round_trip_through_encode_and_parse() {
        List<DataPoint> dps = List.of(DataPoint.bool(16, true), DataPoint.value(101, -5),
                DataPoint.enumeration(117, 2), DataPoint.bitmap8(10, 0x05));
        DataPoint.Parsed parsed = DataPoint.parse(DataPoint.encode(dps));
        assertEquals(dps, parsed.dps());
        assertEquals(Optional.empty(), parsed.error());
        assertEquals(-5L, parsed.dps().get(1).number().orElseThrow());
    }

    @Test
    void a_frame_waits_for_its_last_byte_and_a_pause_rejects_a_cut_one() {
        TuyaMcuFrameDecoder d = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.PAUSE);
        byte[] f = hex("55 AA 00 06 00 05 10 01 00 01 00 1C");
        assertTrue(d.feed(f, 0, 7).isEmpty());
        assertEquals(7, d.pending());
        List<TuyaMcuFrameDecoder.Decoded> rest = d.feed(f, 7, f.length - 7);
        assertEquals(1, rest.size());
        assertTrue(rest.getFirst() instanceof TuyaMcuFrameDecoder.Frame fr && fr.checksumOk() && fr.command() == 6);
        assertTrue(d.feed(f, 0, 9).isEmpty());
        List<TuyaMcuFrameDecoder.Decoded> cut = d.endOfInput();
        assertEquals(1, cut.size());
        TuyaMcuFrameDecoder.Skipped s = (TuyaMcuFrameDecoder.Skipped) cut.getFirst();
        assertEquals(12, s.start());
        assertEquals(21, s.end());
        assertTrue(s.reason().contains("cut off by a pause on the line"), s.reason());
        List<TuyaMcuFrameDecoder.Decoded> after = d.feed(f, 0, f.length);
        assertTrue(after.getFirst() instanceof TuyaMcuFrameDecoder.Frame fr && fr.start() == 21 && fr.checksumOk());
    }

    @Test
    void a_corrupted_length_does_not_hide_the_good_frame_inside_its_span_once_enough_bytes_arrived() {
        TuyaMcuFrameDecoder d = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.PAUSE);
        byte[] bad = hex("55 AA 00 06 00 20 10");
        byte[] good = TuyaMcuFrames.encode(0, 8, new byte[0]);
        List<TuyaMcuFrameDecoder.Decoded> out = new ArrayList<>(d.feed(bad, 0, bad.length));
        out.addAll(d.feed(good, 0, good.length));
        assertTrue(out.isEmpty(), "undecided until the long candidate is complete or the line pauses");
        out.addAll(d.endOfInput());
        assertEquals(2, out.size());
        assertFalse(out.get(0) instanceof TuyaMcuFrameDecoder.Frame);
        assertTrue(out.get(1) instanceof TuyaMcuFrameDecoder.Frame f && f.checksumOk() && f.command() == 8);
    }

    /** Feeding a stream in arbitrary pieces decides exactly what feeding it whole decides. */
    @Property(tries = 300)
    void pieces_of_any_size_decode_like_the_whole_stream(@ForAll("streams") byte[] stream,
            @ForAll @IntRange(min = 1, max = 40) int piece) {
        TuyaMcuFrameDecoder whole = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        List<String> expected = render(whole.feed(stream, 0, stream.length));
        expected.addAll(render(whole.endOfInput()));
        TuyaMcuFrameDecoder split = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < stream.length; i += piece) {
            actual.addAll(render(split.feed(stream, i, Math.min(piece, stream.length - i))));
        }
        actual.addAll(render(split.endOfInput()));
        assertEquals(expected, actual);
    }

    @Test
    void garbage_runs_are_split_where_asked_but_frames_are_not() {
        TuyaMcuFrameDecoder d = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        d.splitGarbageAt(2);
        d.splitGarbageAt(5);
        d.splitGarbageAt(11);
        byte[] stream = hex("01 02 03 55 AA 03 00 00 00 02 04 05");
        List<String> out = render(d.feed(stream, 0, stream.length));
        out.addAll(render(d.endOfInput()));
        assertEquals(List.of("skip 0-2 null", "skip 2-3 null", "frame@3 0  true", "skip 10-11 null",
                "skip 11-12 null"), out);
    }

    @Test
    void unreported_from_is_the_start_of_open_garbage_or_of_a_waiting_frame() {
        TuyaMcuFrameDecoder d = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        assertEquals(List.of(), d.feed(hex("01 02 55"), 0, 3));
        assertEquals(0, d.unreportedFrom());
        assertEquals(List.of(), d.feed(hex("AA 03"), 0, 2));
        assertEquals(0, d.unreportedFrom());
        assertEquals(List.of("skip 0-2 null", "frame@2 0  true"), render(d.feed(hex("00 00 00 02"), 0, 4)));
        assertEquals(9, d.unreportedFrom());
        assertEquals(List.of(), d.feed(hex("55 AA 03"), 0, 3));
        assertEquals(9, d.unreportedFrom());
    }

    @Test
    void a_split_inside_bytes_already_fed_is_refused() {
        TuyaMcuFrameDecoder d = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        d.feed(hex("01 02 03"), 0, 3);
        assertThrows(IllegalArgumentException.class, () -> d.splitGarbageAt(2));
    }

    /** Garbage split at every piece boundary as the pieces arrive comes out as when the splits are known up front. */
    @Property(tries = 300)
    void splits_marked_as_pieces_arrive_decide_like_splits_marked_up_front(@ForAll("streams") byte[] stream,
            @ForAll @IntRange(min = 1, max = 40) int piece) {
        TuyaMcuFrameDecoder whole = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        for (int i = 0; i < stream.length; i += piece) {
            whole.splitGarbageAt(i);
        }
        List<String> expected = render(whole.feed(stream, 0, stream.length));
        expected.addAll(render(whole.endOfInput()));
        TuyaMcuFrameDecoder split = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < stream.length; i += piece) {
            split.splitGarbageAt(i);
            actual.addAll(render(split.feed(stream, i, Math.min(piece, stream.length - i))));
            assertTrue(split.unreportedFrom() <= i + Math.min(piece, stream.length - i));
        }
        actual.addAll(render(split.endOfInput()));
        assertEquals(expected, actual);
        assertEquals(stream.length, split.unreportedFrom());
        for (String line : expected) {
            if (line.startsWith("skip ") && line.endsWith(" null")) {
                String[] range = line.substring(5, line.length() - 5).split("-");
                long from = Long.parseLong(range[0]);
                long to = Long.parseLong(range[1]);
                assertTrue(from / piece == (to - 1) / piece, "garbage " + line + " spans a split every " + piece);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> streams() {
        Arbitrary<byte[]> good = Arbitraries.bytes().array(byte[].class).ofMaxSize(12)
                .map(d -> TuyaMcuFrames.encode(3, 7, d));
        Arbitrary<byte[]> noise = Arbitraries.of((byte) 0x55, (byte) 0xAA, (byte) 0, (byte) 3, (byte) 7, (byte) 0x20)
                .array(byte[].class).ofMaxSize(10);
        return Arbitraries.oneOf(good, noise).list().ofMaxSize(12).map(parts -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        });
    }

    private static List<String> render(List<TuyaMcuFrameDecoder.Decoded> decoded) {
        List<String> out = new ArrayList<>();
        for (TuyaMcuFrameDecoder.Decoded d : decoded) {
            out.add(switch (d) {
                case TuyaMcuFrameDecoder.Frame f -> "frame@" + f.start() + " " + f.command() + " "
                        + HexFormat.of().formatHex(f.data()) + " " + f.checksumOk();
                case TuyaMcuFrameDecoder.Skipped s -> "skip " + s.start() + "-" + s.end() + " " + s.reason();
            });
        }
        return out;
    }
}
