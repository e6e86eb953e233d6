package io.openkws.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureTextTest {

    @Test
    void a_line_may_carry_a_timestamp_a_direction_hex_with_or_without_spaces_and_a_comment() {
        List<CaptureChunk> chunks = CaptureText.parse("t", """
                # header comment

                12.5 MCU> 55 AA 03   # trailing comment
                0.0042s: wifi> 55aa00 0x01,0xFF
                3s CHIP> 54
                """);
        assertEquals(3, chunks.size());
        CaptureChunk first = chunks.get(0);
        assertEquals(3, first.line());
        assertEquals(12.5, first.timeSeconds().orElseThrow());
        assertEquals(Direction.MCU, first.direction());
        assertArrayEquals(new byte[] {0x55, (byte) 0xAA, 0x03}, first.bytes());
        CaptureChunk second = chunks.get(1);
        assertEquals(0.0042, second.timeSeconds().orElseThrow(), 1e-12);
        assertEquals(Direction.WIFI, second.direction());
        assertArrayEquals(new byte[] {0x55, (byte) 0xAA, 0x00, 0x01, (byte) 0xFF}, second.bytes());
        assertEquals(3.0, chunks.get(2).timeSeconds().orElseThrow());
        assertEquals(Direction.CHIP, chunks.get(2).direction());
    }

    @Test
    void a_line_without_direction_continues_the_last_direction_given() {
        List<CaptureChunk> chunks = CaptureText.parse("t", "55 AA\nWIFI> 55 AA 00\n00 00 00 FF\nMCU> 55\nAA 03");
        assertNull(chunks.get(0).direction());
        assertEquals(Direction.WIFI, chunks.get(1).direction());
        assertEquals(Direction.WIFI, chunks.get(2).direction());
        assertEquals(Direction.MCU, chunks.get(3).direction());
        assertEquals(Direction.MCU, chunks.get(4).direction());
    }

    @Test
    void a_bare_integer_first_token_is_a_hex_byte_not_a_timestamp() {
        CaptureChunk chunk = CaptureText.parse("t", "12 34 56").getFirst();
        assertTrue(chunk.timeSeconds().isEmpty());
        assertNull(chunk.direction());
        assertArrayEquals(new byte[] {0x12, 0x34, 0x56}, chunk.bytes());
    }

    @Test
    void a_non_hex_token_is_a_user_error_naming_the_file_and_line() {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureText.parse("cap.txt", "55 AA\n55 ZZ 00\n"));
        assertEquals("cap.txt:2: 'ZZ' is not hex bytes (two hex digits per byte)", e.getMessage());
    }

    @Test
    void an_odd_number_of_hex_digits_is_a_user_error() {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureText.parse("cap.txt", "MCU> 55A"));
        assertTrue(e.getMessage().startsWith("cap.txt:1: '55A'"), e.getMessage());
    }

    @Test
    void an_unknown_direction_is_a_user_error() {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureText.parse("cap.txt", "HOST> 6A 08"));
        assertTrue(e.getMessage().contains("cap.txt:1: unknown or misplaced direction 'HOST>'"), e.getMessage());
    }

    @Test
    void a_missing_file_is_a_user_error(@TempDir Path dir) {
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureText.read(dir.resolve("absent.txt")));
        assertTrue(e.getMessage().endsWith("absent.txt: file not found"), e.getMessage());
    }
}
