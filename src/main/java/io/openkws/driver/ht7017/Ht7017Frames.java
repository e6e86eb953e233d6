package io.openkws.driver.ht7017;

/**
 * The HT7017 UART frame formats, shared by the driver, the traffic decoder and the tests.
 *
 * <p>Read: host sends {@code 6A addr}; the chip answers {@code D2 D1 D0 CS} with
 * {@code CS = ~(0x6A + addr + D2 + D1 + D0)}. Write: host sends {@code 6A 80|addr DH DL CS} with
 * {@code CS = ~(0x6A + (0x80|addr) + DH + DL)}; the chip answers one byte, {@link #ACK_OK} or {@link #ACK_ERROR}.
 * At 4800 baud 8E1 a byte takes 11 bits, 2.2917 ms; a read or a write occupies the line for 6 bytes, 13.75 ms.
 * A gap over 20 ms between bytes resets the chip's UART receiver.
 */
public final class Ht7017Frames {

    public static final int HEAD = 0x6A;
    public static final int WRITE_FLAG = 0x80;
    public static final int ACK_OK = 0x54;
    public static final int ACK_ERROR = 0x63;
    public static final int READ_REPLY_LENGTH = 4;
    public static final int BAUD = 4800;
    /** Bits per byte on the wire: start, 8 data, even parity, stop. */
    public static final int BITS_PER_BYTE = 11;
    /** Time one byte occupies the wire at 4800 8E1, in nanoseconds (2.2917 ms). */
    public static final long BYTE_NANOS = 1_000_000_000L * BITS_PER_BYTE / BAUD;
    /** The chip's receiver resets after this gap between two bytes of a frame. */
    public static final long INTER_BYTE_RESET_NANOS = 20_000_000L;

    private Ht7017Frames() {
    }

    public static byte[] readRequest(int address) {
        checkAddress(address);
        return new byte[] {(byte) HEAD, (byte) address};
    }

    public static byte[] writeRequest(int address, int value16) {
        checkAddress(address);
        if (value16 < 0 || value16 > 0xFFFF) {
            throw new IllegalArgumentException("write value out of 16 bits: " + value16);
        }
        int cmd = WRITE_FLAG | address;
        int dh = (value16 >> 8) & 0xFF;
        int dl = value16 & 0xFF;
        return new byte[] {(byte) HEAD, (byte) cmd, (byte) dh, (byte) dl, (byte) writeChecksum(cmd, dh, dl)};
    }

    /** {@code ~(sum of bytes) & 0xFF}: the checksum of every HT7017 frame. */
    public static int checksum(int... bytes) {
        int sum = 0;
        for (int b : bytes) {
            sum += b & 0xFF;
        }
        return ~sum & 0xFF;
    }

    /** The checksum the chip appends to a read reply of {@code address} carrying {@code raw24} (allocation-free). */
    public static int readChecksum(int address, int raw24) {
        return ~(HEAD + (address & 0xFF) + ((raw24 >> 16) & 0xFF) + ((raw24 >> 8) & 0xFF) + (raw24 & 0xFF)) & 0xFF;
    }

    /** The checksum of a write frame {@code 6A cmd dh dl} (allocation-free). */
    public static int writeChecksum(int cmd, int dh, int dl) {
        return ~(HEAD + (cmd & 0xFF) + (dh & 0xFF) + (dl & 0xFF)) & 0xFF;
    }

    /** The 3 data bytes of a read reply as an unsigned 24-bit value. */
    public static int replyValue(byte[] reply) {
        return ((reply[0] & 0xFF) << 16) | ((reply[1] & 0xFF) << 8) | (reply[2] & 0xFF);
    }

    /** Whether a 4-byte read reply for {@code address} has a valid checksum. */
    public static boolean replyChecksumOk(int address, byte[] reply) {
        return reply.length >= READ_REPLY_LENGTH && (reply[3] & 0xFF) == readChecksum(address, replyValue(reply));
    }

    /** Builds the chip's 4-byte reply for a read (used by simulators and tests). */
    public static byte[] readReply(int address, int raw24) {
        return new byte[] {(byte) (raw24 >> 16), (byte) (raw24 >> 8), (byte) raw24, (byte) readChecksum(address, raw24)};
    }

    private static void checkAddress(int address) {
        if (address < 0 || address > 0x7F) {
            throw new IllegalArgumentException("HT7017 address out of range: " + address);
        }
    }
}
