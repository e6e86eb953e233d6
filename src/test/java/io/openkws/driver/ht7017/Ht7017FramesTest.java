package io.openkws.driver.ht7017;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class Ht7017FramesTest {

    @Test
    void a_read_reply_checksum_covers_head_address_and_data() {
        // 0x6A + 0x08 + 0x29 + 0x0F + 0x8C = 0x136 -> ~0x36 = 0xC9
        byte[] reply = {0x29, 0x0F, (byte) 0x8C, (byte) 0xC9};
        assertTrue(Ht7017Frames.replyChecksumOk(0x08, reply));
        assertEquals(0x290F8C, Ht7017Frames.replyValue(reply));
        reply[3] = (byte) 0xC8;
        assertFalse(Ht7017Frames.replyChecksumOk(0x08, reply));
    }

    @Test
    void a_write_frame_sets_the_write_flag_and_sums_all_bytes() {
        // WPREG 0xBC: 6A B2 00 BC, sum 0x1D8 -> ~0xD8 = 0x27
        assertArrayEquals(new byte[] {0x6A, (byte) 0xB2, 0x00, (byte) 0xBC, 0x27},
                Ht7017Frames.writeRequest(0x32, 0xBC));
        // SRSTREG 0x0055: 6A B3 00 55, sum 0x172 -> ~0x72 = 0x8D
        assertArrayEquals(new byte[] {0x6A, (byte) 0xB3, 0x00, 0x55, (byte) 0x8D},
                Ht7017Frames.writeRequest(0x33, 0x55));
    }

    @Test
    void powers_are_24_bit_twos_complement_and_rms_values_are_unsigned() {
        assertEquals(-1, Ht7017Register.POWER_P1.decode(0xFFFFFF));
        assertEquals(-0x800000, Ht7017Register.POWER_P1.decode(0x800000));
        assertEquals(0x7FFFFF, Ht7017Register.POWER_P1.decode(0x7FFFFF));
        assertEquals(0xFFFFFF, Ht7017Register.RMS_U.decode(0xFFFFFF));
        assertEquals(-1, Ht7017Register.SPL_U.decode(0x07FFFF));
        assertEquals(0xFFFF, Ht7017Register.FREQ_U.decode(0xFFFFFF));
    }

    @Test
    void registers_are_found_by_fact_sheet_name_and_address() {
        assertEquals(Ht7017Register.RMS_I1, Ht7017Register.named("rms_i1").orElseThrow());
        assertEquals("PowerP1", Ht7017Register.at(0x0A).orElseThrow().sheetName());
        assertTrue(Ht7017Register.at(0x05).isEmpty());
    }

    @Test
    void a_byte_takes_eleven_bit_times_at_4800_baud() {
        assertEquals(2_291_666, Ht7017Frames.BYTE_NANOS);
    }
}
