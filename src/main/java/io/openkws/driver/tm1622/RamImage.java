package io.openkws.driver.tm1622;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * An immutable picture of the TM1622's display RAM: 64 addresses of 4 bits each (bit k of address 2·SEG = COMk,
 * of address 2·SEG+1 = COM(4+k)).
 *
 * <p>Exists so the UI, the driver's shadow, the simulated chip and the decoders exchange one value type, compared
 * by content, instead of loose arrays.
 */
public final class RamImage {

    /** Number of RAM addresses. */
    public static final int ADDRESSES = 64;
    /** Bits per address. */
    public static final int BITS = 4;

    /** All segments off. */
    public static final RamImage BLANK = new RamImage(new int[ADDRESSES]);

    private final int[] nibbles;

    private RamImage(int[] nibbles) {
        this.nibbles = nibbles;
    }

    /** An image from 64 nibble values (each 0..15). */
    public static RamImage of(int[] nibbles) {
        if (nibbles.length != ADDRESSES) {
            throw new IllegalArgumentException("a TM1622 RAM image has 64 nibbles, got " + nibbles.length);
        }
        for (int i = 0; i < ADDRESSES; i++) {
            checkNibble(nibbles[i]);
        }
        return new RamImage(nibbles.clone());
    }

    /** Parses the 64-character hex form written by {@link #hex()} (address 0 first, one hex digit per address). */
    public static RamImage parseHex(String hex) {
        if (hex.length() != ADDRESSES) {
            throw new IllegalArgumentException("a RAM image is 64 hex digits, got " + hex.length());
        }
        int[] values = new int[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            values[i] = HexFormat.fromHexDigit(hex.charAt(i));
        }
        return new RamImage(values);
    }

    /** The 4-bit value at {@code address}; bit k is the k-th data bit sent (D0 first). */
    public int nibble(int address) {
        return nibbles[checkAddress(address)];
    }

    /** Whether bit {@code bit} (0..3) of {@code address} is set (segment lit). */
    public boolean bit(int address, int bit) {
        return (nibble(address) >> checkBit(bit) & 1) != 0;
    }

    /** A copy with one nibble replaced. */
    public RamImage withNibble(int address, int value) {
        int[] copy = nibbles.clone();
        copy[checkAddress(address)] = checkNibble(value);
        return new RamImage(copy);
    }

    /** A copy with one bit set or cleared. */
    public RamImage withBit(int address, int bit, boolean lit) {
        int mask = 1 << checkBit(bit);
        int value = nibble(address);
        return withNibble(address, lit ? value | mask : value & ~mask);
    }

    /** The 64 nibbles, address 0 first (a copy). */
    public int[] toArray() {
        return nibbles.clone();
    }

    /** Every lit (address, bit), in address then bit order. */
    public List<Position> litPositions() {
        List<Position> lit = new ArrayList<>();
        for (int a = 0; a < ADDRESSES; a++) {
            for (int b = 0; b < BITS; b++) {
                if ((nibbles[a] >> b & 1) != 0) {
                    lit.add(new Position(a, b));
                }
            }
        }
        return lit;
    }

    /** 64 hex digits, one per address, address 0 first. */
    public String hex() {
        StringBuilder out = new StringBuilder(ADDRESSES);
        for (int value : nibbles) {
            out.append(Character.forDigit(value, 16));
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RamImage image && Arrays.equals(nibbles, image.nibbles);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nibbles);
    }

    @Override
    public String toString() {
        return "RamImage[" + hex() + "]";
    }

    /** One RAM bit: the unit a segment map assigns to a segment. */
    public record Position(int address, int bit) implements Comparable<Position> {
        public Position {
            checkAddress(address);
            checkBit(bit);
        }

        @Override
        public int compareTo(Position other) {
            return Integer.compare(address * BITS + bit, other.address * BITS + other.bit);
        }

        @Override
        public String toString() {
            return address + "/" + bit;
        }
    }

    static int checkAddress(int address) {
        if (address < 0 || address >= ADDRESSES) {
            throw new IllegalArgumentException("TM1622 address must be 0..63, got " + address);
        }
        return address;
    }

    static int checkBit(int bit) {
        if (bit < 0 || bit >= BITS) {
            throw new IllegalArgumentException("TM1622 bit must be 0..3, got " + bit);
        }
        return bit;
    }

    private static int checkNibble(int value) {
        if (value < 0 || value > 15) {
            throw new IllegalArgumentException("a nibble must be 0..15, got " + value);
        }
        return value;
    }
}
