package io.openkws.decode.ht7017;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.decode.CaptureText;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HT7017 decoder fed a file line by line hands each transaction on as soon as it is complete. */
class Ht7017StreamingTest {

    @TempDir
    Path dir;

    @Test
    void a_capture_file_is_decoded_line_by_line_with_each_transaction_handed_on_when_complete() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("MCU> 6A 08\nCHIP> 00 12 34 ").append(String.format("%02X", readChecksum(0x08, 0x001234)))
                    .append('\n');
        }
        Path file = dir.resolve("cap.txt");
        Files.writeString(file, text);
        List<DecodeEvent> events = new ArrayList<>();
        List<Integer> handedOnAfterLine = new ArrayList<>();
        int[] linesFed = {0};
        Ht7017TrafficDecoder decoder = new Ht7017TrafficDecoder(file.toString(), e -> {
            events.add(e);
            handedOnAfterLine.add(linesFed[0]);
        });
        CaptureText.forEach(file, chunk -> {
            linesFed[0] = chunk.line();
            decoder.accept(chunk);
        });
        decoder.finish();
        assertEquals(100, events.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(2 * i + 2, handedOnAfterLine.get(i), "transaction " + i);
            assertTrue(events.get(i) instanceof Ht7017Transaction t && t.checksumOk() && t.line() == 2 * i + 1);
        }
    }

    @Test
    void a_block_read_followed_by_endless_chip_bytes_is_counted_not_stored() {
        List<DecodeEvent> events = new ArrayList<>();
        Ht7017TrafficDecoder decoder = new Ht7017TrafficDecoder("cap", events::add);
        CaptureText.parse("cap", "MCU> 6A C6 00 00 00\n").forEach(decoder::accept);
        String chipLine = "CHIP>" + " AB".repeat(1000) + "\n";
        for (int i = 0; i < 1000; i++) {
            CaptureText.parse("cap", chipLine).forEach(decoder::accept);
        }
        decoder.finish();
        assertEquals(1, events.size());
        assertTrue(((DecodeProblem) events.get(0)).message().contains("and its 1000000 reply byte(s) not decoded"),
                events.get(0).toString());
    }

    private static int readChecksum(int address, int value) {
        return io.openkws.driver.ht7017.Ht7017Frames.readChecksum(address, value);
    }
}
