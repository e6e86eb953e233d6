package io.openkws.driver.bl0942;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The BL0942 frame codec against frames whose checksums were computed by hand (the sums are in the comments). */
class Bl0942FramesTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /**
     * I_RMS 0x000102, V_RMS 0x030405, I_FAST_RMS 0, WATT -2 (0xFFFFFE), CF_CNT 0x10, FREQ 0x4E20, STATUS 1.
     * Sum: 0x58 (command) + 0x55 (header) = 0xAD; + I_RMS 02+01+00 = 0xB0; + V_RMS 05+04+03 = 0xBC; + I_FAST_RMS 0;
     * + WATT FE+FF+FF (0x2FC) = 0x3B8; + CF_CNT 10 = 0x3C8; + FREQ 20+4E+00 (0x6E) = 0x436; + STATUS 01 = 0x437.
     * Low byte 0x37, complemented: 0xC8.
     */
    private static final byte[] PACKET = bytes(0x55, 0x02, 0x01, 0x00, 0x05, 0x04, 0x03, 0x00, 0x00, 0x00,
            0xFE, 0xFF, 0xFF, 0x10, 0x00, 0x00, 0x20, 0x4E, 0x00, 0x01, 0x00, 0x00, 0xC8);

    @Test
    void a_hand_computed_full_packet_checks_and_decodes_with_signed_watt() {
        assertEquals(23, PACKET.length);
        assertEquals(0xC8, Bl0942Frames.packetChecksum(PACKET, 0));
        assertTrue(Bl0942Frames.packetOk(PACKET, 0));
        assertEquals(new Bl0942Packet(0x000102, 0x030405, 0, -2, 0x10, 20000, 1), Bl0942Frames.decodePacket(PACKET, 0));
    }

    @Test
    void a_packet_with_one_flipped_bit_or_no_header_is_refused() {
        byte[] flipped = PACKET.clone();
        flipped[5] ^= 0x01;
        assertFalse(Bl0942Frames.packetOk(flipped, 0));
        byte[] headless = PACKET.clone();
        headless[0] = 0x54;
        assertFalse(Bl0942Frames.packetOk(headless, 0));
    }

    @Test
    void a_packet_behind_stray_bytes_is_found_at_its_offset() {
        byte[] buf = new byte[26];
        buf[0] = 0x13;
        buf[1] = 0x77;
        buf[2] = (byte) 0xEE;
        System.arraycopy(PACKET, 0, buf, 3, PACKET.length);
        assertFalse(Bl0942Frames.packetOk(buf, 0));
        assertTrue(Bl0942Frames.packetOk(buf, 3));
    }

    /** Read V_RMS (0x04) = 0x123456: 0x58 + 0x04 + 0x56 + 0x34 + 0x12 = 0xF8, complemented 0x07. */
    @Test
    void a_register_read_reply_is_least_significant_byte_first_with_the_address_in_its_checksum() {
        byte[] reply = bytes(0x56, 0x34, 0x12, 0x07);
        assertEquals(0x07, Bl0942Frames.readChecksum(0x04, 0x56, 0x34, 0x12));
        assertTrue(Bl0942Frames.readReplyOk(0x04, reply));
        assertFalse(Bl0942Frames.readReplyOk(0x03, reply), "the same bytes for another register do not check");
        assertEquals(0x123456, Bl0942Frames.replyValue(reply));
    }

    /**
     * USR_WRPROT (0x1D) = 0x55: 0xA8 + 0x1D + 0x55 = 0x11A, low byte 0x1A, complemented 0xE5.
     * SOFT_RESET (0x1C) = 0x5A5A5A: 0xA8 + 0x1C + 3 x 0x5A = 0x1D2, low byte 0xD2, complemented 0x2D.
     */
    @Test
    void write_frames_carry_the_value_least_significant_byte_first() {
        byte[] out = new byte[6];
        Bl0942Frames.writeFrame(out, 0x1D, 0x55);
        assertArrayEquals(bytes(0xA8, 0x1D, 0x55, 0x00, 0x00, 0xE5), out);
        Bl0942Frames.writeFrame(out, 0x1C, 0x5A5A5A);
        assertArrayEquals(bytes(0xA8, 0x1C, 0x5A, 0x5A, 0x5A, 0x2D), out);
    }

    @Test
    void a_byte_is_ten_bit_times_and_a_full_packet_transaction_52_ms_at_4800_baud() {
        assertEquals(2_083_333L, Bl0942Frames.byteNanos(4800));
        assertEquals(52_083_325L, 25 * Bl0942Frames.byteNanos(4800));
    }

    @Test
    void registers_decode_to_their_width_and_sign() {
        assertEquals(-1, Bl0942Register.WATT.decode(0xFFFFFF));
        assertEquals(0x7FFFFF, Bl0942Register.WATT.decode(0x7FFFFF));
        assertEquals(0x4E20, Bl0942Register.FREQ.decode(0xAB4E20));
        assertEquals(0x87, Bl0942Register.MODE.decode(0x000087));
        assertEquals(Bl0942Register.USR_WRPROT, Bl0942Register.named("usr_wrprot").orElseThrow());
        assertEquals(Bl0942Register.CF_CNT, Bl0942Register.at(0x07).orElseThrow());
    }
}
