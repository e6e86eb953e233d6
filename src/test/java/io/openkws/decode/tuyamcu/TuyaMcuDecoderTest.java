package io.openkws.decode.tuyamcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.CaptureText;
import io.openkws.decode.Captures;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TuyaMcuDecoderTest {

    /** A TuyaMCU frame as spaced hex, checksum = sum of all previous bytes mod 256. */
    static String frame(int version, int command, int... data) {
        List<Integer> bytes = new ArrayList<>(
                List.of(0x55, 0xAA, version, command, data.length >> 8, data.length & 0xFF));
        for (int d : data) {
            bytes.add(d & 0xFF);
        }
        bytes.add(bytes.stream().mapToInt(Integer::intValue).sum() & 0xFF);
        StringBuilder sb = new StringBuilder();
        for (int b : bytes) {
            sb.append(String.format("%02X ", b));
        }
        return sb.toString().trim();
    }

    static List<DecodeEvent> decode(String text) {
        return TuyaMcuDecoder.decode(CaptureText.parse("test", text));
    }

    static List<TuyaFrame> frames(List<DecodeEvent> events) {
        return events.stream().filter(TuyaFrame.class::isInstance).map(TuyaFrame.class::cast).toList();
    }

    static List<DecodeProblem> problems(List<DecodeEvent> events) {
        return events.stream().filter(DecodeProblem.class::isInstance).map(DecodeProblem.class::cast).toList();
    }

    @Test
    void the_test_frame_builder_matches_the_published_heartbeat_and_status_frames() {
        assertEquals("55 AA 00 00 00 00 FF", frame(0, 0));
        assertEquals("55 AA 03 07 00 08 6B 02 00 04 00 00 00 32 B4", frame(3, 7, 0x6B, 2, 0, 4, 0, 0, 0, 0x32));
    }

    @Test
    void the_kws302wf_capture_decodes_with_every_checksum_valid() throws Exception {
        List<DecodeEvent> events = TuyaMcuDecoder.decode(CaptureText.read(Captures.path("kws302wf-tuyamcu.txt")));
        List<TuyaFrame> frames = frames(events);
        assertTrue(problems(events).isEmpty(), () -> problems(events).toString());
        assertEquals(18, frames.size());
        assertTrue(frames.stream().allMatch(TuyaFrame::checksumOk));
        List<TuyaFrame> reports = frames.stream().filter(f -> f.command() == 0x07).toList();
        assertEquals(2, reports.size());
        assertEquals(List.of(new TuyaDp(107, TuyaDpType.VALUE, 50L)), reports.get(0).dps());
        assertEquals(List.of(new TuyaDp(107, TuyaDpType.VALUE, 49L)), reports.get(1).dps());
        assertEquals(Direction.MCU, reports.get(0).direction());
        assertEquals(23, reports.get(1).line());
    }

    @Test
    void the_product_information_json_is_parsed() {
        List<TuyaFrame> frames = frames(TuyaMcuDecoder.decode(
                CaptureText.read(Captures.path("kws302wf-tuyamcu.txt"))));
        ProductInfo info = frames.stream().filter(f -> f.command() == 0x01).flatMap(f -> f.productInfo().stream())
                .findFirst().orElseThrow();
        assertEquals("{\"p\":\"tadm13agjigbdtxd\",\"v\":\"0.2.1\",\"m\":2}", info.compact());
        assertEquals("tadm13agjigbdtxd", info.productId().orElseThrow());
        assertEquals("0.2.1", info.firmwareVersion().orElseThrow());
        assertEquals("2", info.mode().orElseThrow());
        List<String> human = TuyaMcuOutput.human(frames.get(3));
        assertTrue(human.get(2).contains("product tadm13agjigbdtxd (KWS-302WF), MCU firmware 0.2.1"), human.toString());
    }

    @Test
    void json_output_follows_the_design_keys_and_omits_dps_on_frames_without_data_points() {
        List<TuyaFrame> frames = frames(TuyaMcuDecoder.decode(
                CaptureText.read(Captures.path("kws302wf-tuyamcu.txt"))));
        assertEquals("{\"command\":0,\"checksumOk\":true,\"version\":0,\"direction\":\"WIFI\"}",
                TuyaMcuOutput.json(frames.getFirst()));
        assertEquals("{\"command\":7,\"checksumOk\":true,\"version\":3,\"direction\":\"MCU\","
                + "\"dps\":[{\"id\":107,\"type\":\"value\",\"value\":50}]}", TuyaMcuOutput.json(frames.get(16)));
        TuyaFrame undirected = frames(decode(frame(0, 0))).getFirst();
        assertEquals("{\"command\":0,\"checksumOk\":true,\"version\":0}", TuyaMcuOutput.json(undirected));
    }

    @Test
    void every_data_point_type_decodes_including_negative_values_raw_and_several_dps_in_one_frame() {
        String f = frame(3, 0x07,
                0x01, 1, 0, 1, 0x01,                                  // dp1 bool true
                0x02, 2, 0, 4, 0xFF, 0xFF, 0xFF, 0xFB,                // dp2 value -5
                0x03, 2, 0, 4, 0x80, 0x00, 0x00, 0x00,                // dp3 value min int
                0x04, 3, 0, 5, 'h', 'e', 'l', 'l', 'o',               // dp4 string
                0x05, 4, 0, 1, 0x02,                                  // dp5 enum 2
                0x06, 5, 0, 2, 0x81, 0x01,                            // dp6 bitmap 0x8101
                0x07, 0, 0, 3, 0x01, 0x02, 0xAB,                      // dp7 raw
                0x08, 5, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF,                // dp8 bitmap unsigned 32-bit
                0x09, 1, 0, 1, 0x00);                                 // dp9 bool false
        TuyaFrame decoded = frames(decode("MCU> " + f)).getFirst();
        assertTrue(decoded.checksumOk());
        assertTrue(decoded.dpError().isEmpty());
        assertEquals("{\"command\":7,\"checksumOk\":true,\"version\":3,\"direction\":\"MCU\",\"dps\":["
                + "{\"id\":1,\"type\":\"bool\",\"value\":true},"
                + "{\"id\":2,\"type\":\"value\",\"value\":-5},"
                + "{\"id\":3,\"type\":\"value\",\"value\":-2147483648},"
                + "{\"id\":4,\"type\":\"string\",\"value\":\"hello\"},"
                + "{\"id\":5,\"type\":\"enum\",\"value\":2},"
                + "{\"id\":6,\"type\":\"bitmap\",\"value\":33025},"
                + "{\"id\":7,\"type\":\"raw\",\"value\":\"0102ab\"},"
                + "{\"id\":8,\"type\":\"bitmap\",\"value\":4294967295},"
                + "{\"id\":9,\"type\":\"bool\",\"value\":false}]}", TuyaMcuOutput.json(decoded));
    }

    @Test
    void a_send_command_from_the_wifi_module_carries_data_points_too() {
        TuyaFrame f = frames(decode("WIFI> " + frame(0, 0x06, 0x10, 1, 0, 1, 0x00))).getFirst();
        assertEquals(List.of(new TuyaDp(16, TuyaDpType.BOOL, false)), f.dps());
        assertTrue(TuyaMcuOutput.human(f).get(1).contains("dp16 switch (bool) = false"));
    }

    @Test
    void kws302wf_data_points_are_named_and_scaled_in_human_output() {
        TuyaFrame f = frames(decode("MCU> " + frame(3, 0x07,
                101, 2, 0, 4, 0, 0, 0x09, 0x01,          // 2305 -> 230.5 V
                102, 2, 0, 4, 0, 0, 0x0E, 0x24,          // 3620 -> 3.620 A
                10, 5, 0, 1, 0x05))).getFirst();          // OV and OC
        List<String> human = TuyaMcuOutput.human(f);
        assertEquals("    dp101 voltage (value) = 230.5 V", human.get(1));
        assertEquals("    dp102 current (value) = 3.620 A", human.get(2));
        assertEquals("    dp10 fault (bitmap) = 0x5 (OV, OC)", human.get(3));
    }

    @Test
    void a_malformed_data_point_keeps_the_ones_before_it_and_says_why() {
        TuyaFrame f = frames(decode(frame(3, 0x07,
                1, 1, 0, 1, 1,
                2, 2, 0, 9, 0, 0))).getFirst();
        assertTrue(f.checksumOk());
        assertEquals(1, f.dps().size());
        assertEquals("dp 2 announces 9 value bytes but only 2 remain", f.dpError().orElseThrow());
        TuyaFrame badType = frames(decode(frame(3, 0x07, 1, 9, 0, 1, 1))).getFirst();
        assertEquals("dp 1 has unknown type 0x09", badType.dpError().orElseThrow());
        TuyaFrame shortValue = frames(decode(frame(3, 0x07, 1, 2, 0, 2, 1, 2))).getFirst();
        assertEquals("dp 1: a value cannot be 2 byte(s) long", shortValue.dpError().orElseThrow());
    }

    @Test
    void garbage_between_frames_is_reported_and_the_next_frames_still_decode() {
        List<DecodeEvent> events = decode(String.join("\n",
                frame(0, 0),
                "00 13 55 37 AA",
                frame(3, 0, 1)));
        assertEquals(3, events.size());
        assertTrue(events.get(0) instanceof TuyaFrame f && f.checksumOk());
        DecodeProblem p = (DecodeProblem) events.get(1);
        assertEquals(2, p.line());
        assertTrue(p.message().startsWith("skipped 5 byte(s)"), p.message());
        assertTrue(events.get(2) instanceof TuyaFrame f && f.checksumOk() && f.command() == 0);
    }

    @Test
    void a_corrupted_frame_between_good_ones_is_flagged_and_the_next_frame_decodes() {
        String bad = frame(3, 0x07, 0x6B, 2, 0, 4, 0, 0, 0, 0x32).replace("00 32 B4", "00 33 B4");
        List<TuyaFrame> frames = frames(decode(String.join("\n", frame(0, 0), bad, frame(0, 8))));
        assertEquals(3, frames.size());
        assertTrue(frames.get(0).checksumOk());
        assertFalse(frames.get(1).checksumOk());
        assertEquals(0xB4, frames.get(1).checksum());
        assertEquals(0xB5, frames.get(1).expectedChecksum());
        assertTrue(frames.get(1).dps().isEmpty(), "untrusted data is not decoded");
        assertEquals("{\"command\":7,\"checksumOk\":false,\"version\":3}", TuyaMcuOutput.json(frames.get(1)));
        assertTrue(frames.get(2).checksumOk());
        assertEquals(8, frames.get(2).command());
    }

    @Test
    void a_frame_cut_short_does_not_swallow_the_frame_after_it() {
        String cut = "55 AA 03 07 00 08 6B 02 00";
        List<DecodeEvent> events = decode(cut + "\n" + frame(3, 0, 1) + "\n" + frame(0, 8));
        List<TuyaFrame> frames = frames(events);
        assertEquals(2, frames.size());
        assertTrue(frames.stream().allMatch(TuyaFrame::checksumOk));
        assertEquals(1, problems(events).size());
        assertEquals(1, problems(events).getFirst().line());
    }

    @Test
    void an_impossible_length_is_not_a_frame() {
        List<DecodeEvent> events = decode("55 AA 03 07 FF FF 01 02\n" + frame(0, 0));
        assertEquals(1, frames(events).size());
        assertTrue(problems(events).getFirst().message().contains("impossible"));
    }

    @Test
    void a_frame_running_past_the_end_of_the_capture_is_reported() {
        List<DecodeEvent> events = decode(frame(0, 0) + "\n55 AA 03 07 00 08 6B");
        assertEquals(1, frames(events).size());
        assertTrue(problems(events).getFirst().message().contains("cut off by the end of the capture"));
    }

    @Test
    void frames_split_across_lines_and_sharing_lines_decode_per_direction() {
        String report = frame(3, 0x07, 0x6B, 2, 0, 4, 0, 0, 0, 0x32);
        String first = report.substring(0, 17);
        String rest = report.substring(17);
        List<TuyaFrame> frames = frames(decode(String.join("\n",
                "0.100 MCU> " + first,
                "0.101 WIFI> " + frame(0, 0) + " " + frame(0, 8),
                "0.102 MCU> " + rest)));
        assertEquals(3, frames.size());
        assertEquals(Direction.MCU, frames.get(0).direction());
        assertEquals(0.1, frames.get(0).timeSeconds().orElseThrow());
        assertEquals(List.of(new TuyaDp(107, TuyaDpType.VALUE, 50L)), frames.get(0).dps());
        assertEquals(Direction.WIFI, frames.get(1).direction());
        assertEquals(8, frames.get(2).command());
    }

    @Test
    void a_continuation_line_without_direction_belongs_to_the_sender_of_the_line_before() {
        List<DecodeEvent> events = decode("MCU> 55 AA 03 07 00 08\n   6B 02 00 04 00 00 00 31 B3");
        assertTrue(problems(events).isEmpty());
        TuyaFrame f = frames(events).getFirst();
        assertEquals(Direction.MCU, f.direction());
        assertEquals(List.of(new TuyaDp(107, TuyaDpType.VALUE, 49L)), f.dps());
    }

    @Test
    void the_wxdm2_dimmer_stream_starting_with_0x55_bytes_yields_no_valid_frame() {
        List<DecodeEvent> events = TuyaMcuDecoder.decode(CaptureText.read(Captures.path("wxdm2-dimmer.txt")));
        assertTrue(frames(events).stream().noneMatch(TuyaFrame::checksumOk));
        assertFalse(problems(events).isEmpty());
        int skipped = problems(events).stream()
                .mapToInt(p -> Integer.parseInt(p.message().replaceAll("skipped (\\d+) .*", "$1"))).sum();
        assertEquals(8 * 4 + 9 * 2 + 17, skipped, "every byte is accounted for");
    }

    @Property(tries = 200)
    void valid_frames_separated_by_garbage_without_0x55_all_decode(
            @ForAll("frameLists") List<byte[]> payloads, @ForAll("garbage") List<byte[]> gaps) {
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            byte[] gap = gaps.get(i % gaps.size());
            text.append(HexFormat.of().formatHex(gap)).append(' ');
            int[] data = new int[payloads.get(i).length];
            for (int k = 0; k < data.length; k++) {
                data[k] = payloads.get(i)[k] & 0xFF;
            }
            text.append(frame(3, i & 0xFF, data).replace(" ", "")).append(i % 3 == 0 ? "\n" : " ");
            expected.add(HexFormat.of().formatHex(payloads.get(i)));
        }
        List<TuyaFrame> frames = frames(decode(text.toString()));
        assertEquals(expected, frames.stream().map(f -> HexFormat.of().formatHex(f.data())).toList());
        assertTrue(frames.stream().allMatch(TuyaFrame::checksumOk));
    }

    @Provide
    Arbitrary<List<byte[]>> frameLists() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(40).list().ofMinSize(1).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<byte[]>> garbage() {
        return Arbitraries.bytes().filter(b -> b != 0x55).array(byte[].class).ofMaxSize(6).list().ofMinSize(1)
                .ofMaxSize(4);
    }
}
