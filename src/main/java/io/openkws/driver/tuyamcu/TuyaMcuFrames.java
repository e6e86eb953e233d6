package io.openkws.driver.tuyamcu;

/**
 * The TuyaMCU frame layout: header {@code 55 AA}, protocol version, command, a big-endian data length, the data and
 * a checksum that is the sum of every previous byte modulo 256.
 *
 * <p>Exists so the encoder, the decoder and tests agree on one definition of a frame and its checksum.
 */
public final class TuyaMcuFrames {

    /** Bytes before the data: 55 AA, version, command, length high, length low. */
    public static final int HEADER_LENGTH = 6;
    /** Tuya OTA packets, the longest frames the protocol uses, carry 4 + 1024 bytes; 4096 leaves a margin. */
    public static final int MAX_DATA_LENGTH = 4096;
    /** The version byte of frames a TuyaMCU MCU sends. */
    public static final int MCU_VERSION = 3;

    private TuyaMcuFrames() {
    }

    /** The sum of {@code bytes[from..to)} modulo 256. */
    public static int checksum(byte[] bytes, int from, int to) {
        int s = 0;
        for (int k = from; k < to; k++) {
            s += bytes[k] & 0xFF;
        }
        return s & 0xFF;
    }

    /** A complete frame with its checksum. {@code data} longer than {@link #MAX_DATA_LENGTH} is refused. */
    public static byte[] encode(int version, int command, byte[] data) {
        if (data.length > MAX_DATA_LENGTH) {
            throw new IllegalArgumentException("a TuyaMCU frame carries at most " + MAX_DATA_LENGTH + " data bytes");
        }
        byte[] f = new byte[HEADER_LENGTH + data.length + 1];
        f[0] = 0x55;
        f[1] = (byte) 0xAA;
        f[2] = (byte) version;
        f[3] = (byte) command;
        f[4] = (byte) (data.length >> 8);
        f[5] = (byte) data.length;
        System.arraycopy(data, 0, f, HEADER_LENGTH, data.length);
        f[f.length - 1] = (byte) checksum(f, 0, f.length - 1);
        return f;
    }
}
