package io.openkws.driver.tuyamcu;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One data point of a state frame (send command 0x06, status report 0x07): id, type and the value's bytes, on the
 * wire {@code id type lenH lenL value...}.
 *
 * <p>Exists so the capture decoder and the bridge read and write data points the same way; the typed factories
 * build what the bridge reports, {@link #parse} splits what arrives.
 */
public record DataPoint(int id, DpType type, byte[] value) {

    public DataPoint {
        Objects.requireNonNull(type, "type");
        if (id < 0 || id > 255) {
            throw new IllegalArgumentException("a dp id is one byte: " + id);
        }
        if (!type.accepts(value.length)) {
            throw new IllegalArgumentException("a " + type.wireName() + " cannot be " + value.length + " byte(s)");
        }
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    public static DataPoint bool(int id, boolean on) {
        return new DataPoint(id, DpType.BOOL, new byte[] {(byte) (on ? 1 : 0)});
    }

    /** A 4-byte signed value. */
    public static DataPoint value(int id, int v) {
        return new DataPoint(id, DpType.VALUE, new byte[] {(byte) (v >> 24), (byte) (v >> 16), (byte) (v >> 8),
                (byte) v});
    }

    public static DataPoint enumeration(int id, int index) {
        return new DataPoint(id, DpType.ENUM, new byte[] {(byte) index});
    }

    /** A 1-byte bitmap (bits 0-7). */
    public static DataPoint bitmap8(int id, int bits) {
        return new DataPoint(id, DpType.BITMAP, new byte[] {(byte) bits});
    }

    /**
     * The value as a number: bool 0/1, enum 0-255, value signed 32-bit, bitmap unsigned; empty for raw and string.
     */
    public Optional<Long> number() {
        return switch (type) {
            case BOOL -> Optional.of(value[0] != 0 ? 1L : 0L);
            case ENUM -> Optional.of((long) (value[0] & 0xFF));
            case VALUE -> Optional.of((long) (int) bigEndian());
            case BITMAP -> Optional.of(bigEndian());
            case RAW, STRING -> Optional.empty();
        };
    }

    private long bigEndian() {
        long v = 0;
        for (byte b : value) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataPoint d && d.id == id && d.type == type && Arrays.equals(d.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * id + type.hashCode()) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "dp" + id + " " + type.wireName() + " " + number().map(String::valueOf)
                .orElse(HexFormat.of().formatHex(value));
    }

    /** The data of a state frame carrying {@code dps}. */
    public static byte[] encode(List<DataPoint> dps) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (DataPoint dp : dps) {
            out.write(dp.id);
            out.write(dp.type.code());
            out.write(dp.value.length >> 8);
            out.write(dp.value.length);
            out.writeBytes(dp.value);
        }
        return out.toByteArray();
    }

    /** Splits a state frame's data; stops at the first malformed data point and says why. */
    public static Parsed parse(byte[] data) {
        List<DataPoint> dps = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (data.length - i < 4) {
                return new Parsed(dps, Optional.of(String.format(
                        "%d trailing byte(s) too short for a data point header", data.length - i)));
            }
            int id = data[i] & 0xFF;
            int typeCode = data[i + 1] & 0xFF;
            int len = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            int start = i + 4;
            if (start + len > data.length) {
                return new Parsed(dps, Optional.of(String.format(
                        "dp %d announces %d value bytes but only %d remain", id, len, data.length - start)));
            }
            Optional<DpType> type = DpType.ofCode(typeCode);
            if (type.isEmpty()) {
                return new Parsed(dps, Optional.of(String.format("dp %d has unknown type 0x%02X", id, typeCode)));
            }
            if (!type.get().accepts(len)) {
                return new Parsed(dps, Optional.of(String.format("dp %d: a %s cannot be %d byte(s) long",
                        id, type.get().wireName(), len)));
            }
            dps.add(new DataPoint(id, type.get(), Arrays.copyOfRange(data, start, start + len)));
            i = start + len;
        }
        return new Parsed(dps, Optional.empty());
    }

    /** The data points of a state frame and, when parsing stopped early, why. */
    public record Parsed(List<DataPoint> dps, Optional<String> error) {
        public Parsed {
            dps = List.copyOf(dps);
        }
    }
}
