package io.openkws.decode.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.CaptureException;
import io.openkws.decode.CaptureText;
import io.openkws.decode.Captures;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.ht7017.Ht7017Transaction.Ack;
import io.openkws.decode.ht7017.Ht7017Transaction.Op;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ht7017TrafficDecoderTest {

    static List<DecodeEvent> decode(String text) {
        return Ht7017TrafficDecoder.decode(CaptureText.parse("test", text));
    }

    static List<Ht7017Transaction> transactions(List<DecodeEvent> events) {
        return events.stream().filter(Ht7017Transaction.class::isInstance).map(Ht7017Transaction.class::cast).toList();
    }

    static List<DecodeProblem> problems(List<DecodeEvent> events) {
        return events.stream().filter(DecodeProblem.class::isInstance).map(DecodeProblem.class::cast).toList();
    }

    static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").formatHex(bytes);
    }

    @Test
    void the_synthetic_boot_capture_decodes_transaction_by_transaction() {
        List<DecodeEvent> events = Ht7017TrafficDecoder.decode(
                CaptureText.read(Captures.path("ht7017-synthetic-boot.txt")));
        List<String> json = transactions(events).stream().map(Ht7017Output::json).toList();
        assertEquals(25, json.size());
        assertEquals("{\"op\":\"write\",\"address\":51,\"register\":\"SRSTREG\",\"value\":85,\"checksumOk\":true,"
                + "\"ack\":\"ok\"}", json.get(1));
        assertEquals("{\"op\":\"read\",\"address\":28,\"register\":\"DeviceID\",\"value\":7361284,\"checksumOk\":true}",
                json.get(2));
        assertEquals("{\"op\":\"write\",\"address\":50,\"register\":\"WPREG\",\"value\":188,\"checksumOk\":true,"
                + "\"ack\":\"ok\"}", json.get(3));
        assertEquals("{\"op\":\"write\",\"address\":89,\"register\":\"ADCCON\",\"value\":4108,\"checksumOk\":true,"
                + "\"ack\":\"error\"}", json.get(12));
        assertEquals("{\"op\":\"write\",\"address\":94,\"register\":\"UOff\",\"value\":4660,\"checksumOk\":false,"
                + "\"ack\":\"error\"}", json.get(13));
        assertEquals("{\"op\":\"read\",\"address\":8,\"register\":\"Rms_U\",\"value\":2690956,\"checksumOk\":true}",
                json.get(18));
        assertEquals("{\"op\":\"read\",\"address\":10,\"register\":\"PowerP1\",\"value\":-2000,\"checksumOk\":true}",
                json.get(19));
        assertEquals("{\"op\":\"read\",\"address\":8,\"register\":\"Rms_U\",\"value\":2690960,\"checksumOk\":false}",
                json.get(21));
        assertEquals("{\"op\":\"read\",\"address\":6,\"register\":\"Rms_I1\",\"value\":2500,\"checksumOk\":true}",
                json.get(22), "a request split over two lines 10 ms apart is one command");
        assertEquals("{\"op\":\"read\",\"address\":25,\"register\":\"EMUSR\",\"checksumOk\":false}", json.get(23),
                "an unanswered read has no value");
        assertEquals("{\"op\":\"read\",\"address\":25,\"register\":\"EMUSR\",\"value\":2,\"checksumOk\":true}",
                json.get(24));
        List<DecodeProblem> problems = problems(events);
        assertEquals(2, problems.size());
        assertEquals(52, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("abandoned after a 35.0 ms gap"), problems.get(0).message());
        assertEquals(53, problems.get(1).line());
    }

    @Test
    void a_gap_over_20_ms_abandons_a_partial_command_but_a_shorter_one_does_not() {
        List<DecodeEvent> late = decode("0.000 MCU> 6A\n0.025 MCU> 08\n0.030 CHIP> 29 0F 8C C9");
        assertTrue(transactions(late).isEmpty());
        assertEquals(3, problems(late).size(), "abandoned 6A, stray 08, unrequested reply");
        List<DecodeEvent> inTime = decode("0.000 MCU> 6A\n0.020 MCU> 08\n0.030 CHIP> 29 0F 8C C9");
        assertEquals(2690956, transactions(inTime).getFirst().value().orElseThrow());
        List<DecodeEvent> untimed = decode("MCU> 6A\nMCU> 08\nCHIP> 29 0F 8C C9");
        assertTrue(transactions(untimed).getFirst().checksumOk(), "without timestamps there is no gap rule");
    }

    @Test
    void the_gap_is_measured_from_the_end_of_the_previous_byte_of_a_line() {
        // 6A D0 sent back to back at 0.000: D0 ends at 4.58 ms, so a byte at 24.0 ms follows a 19.4 ms gap
        String write = hex(Ht7017Frames.writeRequest(0x50, 0xFF12));
        String head = write.substring(0, 5);
        String tail = write.substring(6);
        List<DecodeEvent> events = decode("0.000 MCU> " + head + "\n0.0240 MCU> " + tail + "\n0.040 CHIP> 54");
        Ht7017Transaction t = transactions(events).getFirst();
        assertEquals(Op.WRITE, t.op());
        assertEquals(Ack.OK, t.ack());
        assertEquals(0xFF12, t.value().orElseThrow());
        List<DecodeEvent> late = decode("0.000 MCU> " + head + "\n0.0250 MCU> " + tail + "\n0.040 CHIP> 54");
        assertTrue(transactions(late).isEmpty(), "a 20.4 ms gap resets the chip's receiver");
    }

    @Test
    void reads_are_decoded_with_the_register_map_signedness() {
        int raw = 0xFFF000;
        String reply = hex(Ht7017Frames.readReply(0x0A, raw));
        Ht7017Transaction t = transactions(decode("MCU> 6A 0A\nCHIP> " + reply)).getFirst();
        assertEquals(Ht7017Register.POWER_P1.decode(raw), t.value().orElseThrow());
        assertEquals(-4096, t.value().orElseThrow());
        assertEquals("PowerP1", t.registerName());
    }

    @Test
    void an_unknown_address_is_named_by_its_hex_number() {
        String reply = hex(Ht7017Frames.readReply(0x05, 0x123456));
        Ht7017Transaction t = transactions(decode("MCU> 6A 05\nCHIP> " + reply))
                .getFirst();
        assertEquals("{\"op\":\"read\",\"address\":5,\"register\":\"0x05\",\"value\":1193046,\"checksumOk\":true}",
                Ht7017Output.json(t));
    }

    @Test
    void a_write_without_ack_or_with_an_odd_ack_byte_is_flagged() {
        String w = hex(Ht7017Frames.writeRequest(0x59, 0x000C));
        List<Ht7017Transaction> ts = transactions(decode("MCU> " + w + "\nMCU> " + w + "\nCHIP> 99"));
        assertEquals(Ack.NONE, ts.get(0).ack());
        assertEquals(Ack.ERROR, ts.get(1).ack());
        assertTrue(ts.get(1).note().orElseThrow().contains("unexpected ACK byte 0x99"));
    }

    @Test
    void a_block_read_is_reported_without_breaking_the_transactions_after_it() {
        String rms = hex(Ht7017Frames.readReply(0x08, 0x290F8C));
        List<DecodeEvent> events = decode("MCU> 6A C6 03 08 00\nCHIP> 54 00 00 01 00 00 02\nMCU> 6A 08\nCHIP> " + rms);
        assertEquals(1, transactions(events).size());
        assertEquals(0x290F8C, transactions(events).getFirst().value().orElseThrow());
        assertTrue(problems(events).getFirst().message().contains("block read"));
    }

    @Test
    void chip_bytes_nobody_asked_for_are_reported_and_skipped() {
        String reply = hex(Ht7017Frames.readReply(0x1C, 0x705304));
        List<DecodeEvent> events = decode("CHIP> 54 54\nMCU> 6A 1C\nCHIP> " + reply);
        assertEquals(1, problems(events).size());
        assertEquals(0x705304, transactions(events).getFirst().value().orElseThrow());
    }

    @Test
    void a_line_without_direction_is_a_user_error() {
        CaptureException e = assertThrows(CaptureException.class, () -> Ht7017TrafficDecoder.decode("boot.txt",
                CaptureText.parse("boot.txt", "# no direction yet\n6A 08\nCHIP> 29 0F 8C C9")));
        assertTrue(e.getMessage().startsWith("boot.txt:2: HT7017 traffic needs a direction"), e.getMessage());
    }

    @Test
    void human_output_names_registers_and_write_protect_keys() {
        String unlock = hex(Ht7017Frames.writeRequest(0x32, 0xA6));
        Ht7017Transaction t = transactions(decode("MCU> " + unlock + "\nCHIP> 54")).getFirst();
        String line = Ht7017Output.human(t);
        assertTrue(line.contains("write WPREG"), line);
        assertTrue(line.contains("unlocks 0x50-0x7C"), line);
        assertFalse(line.contains("BAD"), line);
    }
}
