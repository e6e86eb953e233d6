package io.openkws.driver.bl0942;

/**
 * The BL0942's UART frames (datasheet section 3.2, UART, default 4800 baud 8N1): register read {@code 58 addr} →
 * three data bytes (least significant first) and a checksum; register write {@code A8 addr d0 d1 d2 cs}, not
 * answered; full packet {@code 58 AA} → 23 bytes: header {@code 55}, I_RMS, V_RMS, I_FAST_RMS, WATT, CF_CNT, FREQ,
 * STATUS (three bytes each, least significant first) and a checksum. Every checksum is the complement of the
 * low byte of the sum of the command byte and every byte before it: {@code ~(0x58 + addr + d0 + d1 + d2)},
 * {@code ~(0xA8 + addr + d0 + d1 + d2)}, {@code ~(0x58 + 0x55 + ... + last STATUS byte)}.
 *
 * <p>Exists so the codec is pure functions, tested against hand-computed frames, shared by the driver; the
 * simulator deliberately builds its frames itself. Allocation-free.
 */
public final class Bl0942Frames {

    public static final int READ = 0x58;
    public static final int WRITE = 0xA8;
    /** The address byte of a full-packet request. */
    public static final int FULL_PACKET = 0xAA;
    public static final int HEADER = 0x55;
    public static final int PACKET_LENGTH = 23;
    public static final int READ_REPLY_LENGTH = 4;
    public static final int WRITE_LENGTH = 6;
    public static final int DEFAULT_BAUD = 4800;
    /** 8N1: start bit, 8 data bits, stop bit. */
    public static final int BITS_PER_BYTE = 10;

    private Bl0942Frames() {
    }

    /** The time one character occupies the line at {@code baud}. */
    public static long byteNanos(int baud) {
        return 1_000_000_000L * BITS_PER_BYTE / baud;
    }

    /** Checksum of a read reply for register {@code address} carrying {@code d0 d1 d2}. */
    public static int readChecksum(int address, int d0, int d1, int d2) {
        return ~(READ + address + d0 + d1 + d2) & 0xFF;
    }

    /** Checksum byte of a write frame. */
    public static int writeChecksum(int address, int d0, int d1, int d2) {
        return ~(WRITE + address + d0 + d1 + d2) & 0xFF;
    }

    /** Fills {@code out[0..5]} with the write frame of {@code value24} to {@code address}. */
    public static void writeFrame(byte[] out, int address, int value24) {
        int d0 = value24 & 0xFF;
        int d1 = (value24 >> 8) & 0xFF;
        int d2 = (value24 >> 16) & 0xFF;
        out[0] = (byte) WRITE;
        out[1] = (byte) address;
        out[2] = (byte) d0;
        out[3] = (byte) d1;
        out[4] = (byte) d2;
        out[5] = (byte) writeChecksum(address, d0, d1, d2);
    }

    /** Whether the 4-byte read reply at {@code reply[0..3]} for {@code address} has a correct checksum. */
    public static boolean readReplyOk(int address, byte[] reply) {
        return readChecksum(address, reply[0] & 0xFF, reply[1] & 0xFF, reply[2] & 0xFF) == (reply[3] & 0xFF);
    }

    /** The 24-bit value of a read reply (unsigned). */
    public static int replyValue(byte[] reply) {
        return u24(reply, 0);
    }

    /** Checksum of the packet starting at {@code buf[offset]} (over its first 22 bytes). */
    public static int packetChecksum(byte[] buf, int offset) {
        int sum = READ;
        for (int i = 0; i < PACKET_LENGTH - 1; i++) {
            sum += buf[offset + i] & 0xFF;
        }
        return ~sum & 0xFF;
    }

    /** Whether {@code buf[offset..offset+22]} is a packet: header 0x55 and a correct checksum. */
    public static boolean packetOk(byte[] buf, int offset) {
        return (buf[offset] & 0xFF) == HEADER
                && packetChecksum(buf, offset) == (buf[offset + PACKET_LENGTH - 1] & 0xFF);
    }

    /** Decodes a packet already checked by {@link #packetOk}. */
    public static Bl0942Packet decodePacket(byte[] buf, int offset) {
        return new Bl0942Packet(u24(buf, offset + 1), u24(buf, offset + 4), u24(buf, offset + 7),
                Bl0942Register.WATT.decode(u24(buf, offset + 10)), u24(buf, offset + 13),
                Bl0942Register.FREQ.decode(u24(buf, offset + 16)), Bl0942Register.STATUS.decode(u24(buf, offset + 19)));
    }

    /** Three bytes, least significant first. */
    public static int u24(byte[] buf, int offset) {
        return (buf[offset] & 0xFF) | (buf[offset + 1] & 0xFF) << 8 | (buf[offset + 2] & 0xFF) << 16;
    }
}
