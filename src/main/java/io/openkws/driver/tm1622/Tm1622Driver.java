package io.openkws.driver.tm1622;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Drives a TM1622 LCD controller over its 3-wire serial bus (plus RD for optional read-back).
 *
 * <p>Exists to keep the whole protocol in one place: command frames ({@code 100} + 8-bit code + one don't-care
 * bit, several per frame), successive-address writes ({@code 101} + A5..A0 MSB first + nibbles D0 first), the
 * power-on initialisation (SYS EN, RC 32K, NORMAL, clear RAM, LCD ON), a 64×4-bit RAM shadow with a minimal
 * flush, and the periodic re-initialisation that recovers the chip after ESD or a brown-out.
 *
 * <p>Every line write goes through {@link Tm1622Bus}; the driver never writes a line to the level it already
 * has, and counts its writes ({@link #pinWrites()}). Timing: WR low, DATA, one half-period, WR high, one
 * half-period; CS is held one half-period before the first and after the last clock. Not thread-safe: one
 * owner (the display task) calls it.
 */
public final class Tm1622Driver {

    /** The default half-period of the serial clock (fact sheet: at least 5 µs at 3.3 V). */
    public static final long DEFAULT_HALF_PERIOD_NANOS = 5_000;

    private static final int ID_COMMAND = 0b100;
    private static final int ID_WRITE = 0b101;
    private static final int ID_READ = 0b110;

    private final Tm1622Bus bus;
    private final long halfPeriodNanos;
    private final int[] shadow = new int[RamImage.ADDRESSES];
    private final int[] chip = new int[RamImage.ADDRESSES];
    private boolean csLevel = true;
    private boolean wrLevel = true;
    private boolean dataLevel = true;
    private boolean rdLevel = true;
    private boolean linesKnown;
    private boolean initialised;
    private long pinWrites;

    public Tm1622Driver(Tm1622Bus bus) {
        this(bus, DEFAULT_HALF_PERIOD_NANOS);
    }

    /** A driver clocking at {@code halfPeriodNanos} per clock phase (must be positive). */
    public Tm1622Driver(Tm1622Bus bus, long halfPeriodNanos) {
        this.bus = Objects.requireNonNull(bus, "bus");
        if (halfPeriodNanos <= 0) {
            throw new IllegalArgumentException("half-period must be positive, got " + halfPeriodNanos + " ns");
        }
        this.halfPeriodNanos = halfPeriodNanos;
    }

    /**
     * Brings the chip to a known state: lines idle high, one frame with SYS EN, RC 32K and NORMAL, all 64
     * addresses cleared, then LCD ON (clearing first keeps garbage off the glass). The shadow becomes blank.
     */
    public void init() {
        idleLines();
        command(Tm1622Command.SYS_EN, Tm1622Command.RC_32K, Tm1622Command.NORMAL);
        java.util.Arrays.fill(shadow, 0);
        writeSuccessive(0, new int[RamImage.ADDRESSES]);
        command(Tm1622Command.LCD_ON);
        initialised = true;
    }

    /**
     * The periodic recovery (the controller calls it every minute or so): the same command sequence as
     * {@link #init}, then the whole shadow rewritten, then LCD ON. Undoes a chip reset or corrupted RAM without
     * a blank flash.
     */
    public void refresh() {
        idleLines();
        command(Tm1622Command.SYS_EN, Tm1622Command.RC_32K, Tm1622Command.NORMAL);
        writeSuccessive(0, shadow.clone());
        command(Tm1622Command.LCD_ON);
        initialised = true;
    }

    /** Sends {@code commands} in one CS frame: ID {@code 100}, then per command its 8 bits and a 0 don't-care bit. */
    public void command(Tm1622Command... commands) {
        if (commands.length == 0) {
            throw new IllegalArgumentException("a command frame needs at least one command");
        }
        beginFrame();
        sendBits(ID_COMMAND, 3);
        for (Tm1622Command command : commands) {
            sendBits(command.code() << 1, 9);
        }
        endFrame();
    }

    /**
     * One successive-address write frame: ID {@code 101}, {@code startAddress} (6 bits, MSB first), then each
     * nibble D0 first. The chip's address auto-increments; the frame must not run past address 63.
     */
    public void writeSuccessive(int startAddress, int[] nibbles) {
        RamImage.checkAddress(startAddress);
        if (nibbles.length == 0 || startAddress + nibbles.length > RamImage.ADDRESSES) {
            throw new IllegalArgumentException("write of " + nibbles.length + " nibbles from address " + startAddress
                    + " leaves 0..63");
        }
        beginFrame();
        sendBits(ID_WRITE, 3);
        sendBits(startAddress, 6);
        for (int nibble : nibbles) {
            sendBits(Integer.reverse(nibble & 0xF) >>> 28, 4);
        }
        endFrame();
        System.arraycopy(nibbles, 0, chip, startAddress, nibbles.length);
    }

    /** Sets the whole shadow (nothing is sent until {@link #flush}). */
    public void show(RamImage image) {
        System.arraycopy(image.toArray(), 0, shadow, 0, RamImage.ADDRESSES);
    }

    /** Sets one shadow nibble (nothing is sent until {@link #flush}). */
    public void setNibble(int address, int value) {
        RamImage.checkAddress(address);
        if (value < 0 || value > 15) {
            throw new IllegalArgumentException("a nibble must be 0..15, got " + value);
        }
        shadow[address] = value;
    }

    /** The shadow: what the display should show after the next flush. */
    public RamImage shadow() {
        return RamImage.of(shadow);
    }

    /** What the driver believes the chip's RAM holds (what it last wrote). */
    public RamImage chipImage() {
        return RamImage.of(chip);
    }

    /**
     * Sends only the nibbles that differ between the shadow and the chip, in successive-write frames; adjacent
     * changes share a frame, and unchanged nibbles between two changes are re-sent whenever that costs fewer pin
     * writes than opening a new frame (exact costs, including DATA transitions). Initialises the chip first if
     * that never happened. Returns the number of pin writes it used (0 when nothing changed).
     */
    public long flush() {
        long before = pinWrites;
        if (!initialised) {
            init();
        }
        List<int[]> runs = planRuns();
        for (int[] run : runs) {
            int[] nibbles = new int[run[1] - run[0] + 1];
            System.arraycopy(shadow, run[0], nibbles, 0, nibbles.length);
            writeSuccessive(run[0], nibbles);
        }
        return pinWrites - before;
    }

    /**
     * Reads the whole RAM back through RD ({@code 110} + address 0, then four RD pulses per address, D0 first) and
     * returns the addresses whose content differs from what the driver wrote; empty = verified. The caller
     * reacts to a mismatch with {@link #refresh}. Needs a bus that {@link Tm1622Bus#canRead() can read}.
     */
    public List<Integer> verify() {
        if (!bus.canRead()) {
            throw new UnsupportedOperationException("this TM1622 bus has no RD line: read-back is not possible");
        }
        beginFrame();
        sendBits(ID_READ, 3);
        sendBits(0, 6);
        setData(true);
        bus.pause(halfPeriodNanos);
        List<Integer> mismatches = new ArrayList<>();
        for (int address = 0; address < RamImage.ADDRESSES; address++) {
            int value = 0;
            for (int bit = 0; bit < 4; bit++) {
                setRd(false);
                bus.pause(halfPeriodNanos);
                setRd(true);
                bus.pause(halfPeriodNanos);
                if (bus.readData()) {
                    value |= 1 << bit;
                }
            }
            if (value != chip[address]) {
                mismatches.add(address);
            }
        }
        endFrame();
        return mismatches;
    }

    /** Line writes issued so far (CS, WR, DATA and RD; writes to the level a line already has are never issued). */
    public long pinWrites() {
        return pinWrites;
    }

    /** The serial clock's half-period in nanoseconds. */
    public long halfPeriodNanos() {
        return halfPeriodNanos;
    }

    private List<int[]> planRuns() {
        List<Integer> changed = new ArrayList<>();
        for (int a = 0; a < RamImage.ADDRESSES; a++) {
            if (shadow[a] != chip[a]) {
                changed.add(a);
            }
        }
        int n = changed.size();
        List<int[]> runs = new ArrayList<>();
        if (n == 0) {
            return runs;
        }
        long[][] best = new long[n + 1][2];
        int[][] choice = new int[n + 1][2];
        for (int i = n - 1; i >= 0; i--) {
            for (int level = 0; level < 2; level++) {
                best[i][level] = Long.MAX_VALUE;
                for (int j = i; j < n; j++) {
                    int first = changed.get(i);
                    int last = changed.get(j);
                    long[] cost = frameCost(first, last, level == 1);
                    long total = cost[0] + best[j + 1][(int) cost[1]];
                    if (total < best[i][level]) {
                        best[i][level] = total;
                        choice[i][level] = j;
                    }
                }
            }
        }
        int i = 0;
        boolean level = dataLevel;
        while (i < n) {
            int j = choice[i][level ? 1 : 0];
            int first = changed.get(i);
            int last = changed.get(j);
            runs.add(new int[] {first, last});
            level = frameCost(first, last, level)[1] == 1;
            i = j + 1;
        }
        return runs;
    }

    /** {pin writes, DATA level after} for a write frame of addresses first..last starting at DATA = dataHigh. */
    private long[] frameCost(int first, int last, boolean dataHigh) {
        long writes = 2;
        boolean level = dataHigh;
        int[] bits = new int[9 + 4 * (last - first + 1)];
        int k = 0;
        for (int b = 2; b >= 0; b--) {
            bits[k++] = ID_WRITE >> b & 1;
        }
        for (int b = 5; b >= 0; b--) {
            bits[k++] = first >> b & 1;
        }
        for (int a = first; a <= last; a++) {
            for (int b = 0; b < 4; b++) {
                bits[k++] = shadow[a] >> b & 1;
            }
        }
        for (int bit : bits) {
            writes += 2;
            if ((bit == 1) != level) {
                writes++;
                level = bit == 1;
            }
        }
        return new long[] {writes, level ? 1 : 0};
    }

    private void idleLines() {
        if (!linesKnown) {
            bus.cs(true);
            bus.wr(true);
            bus.data(true);
            pinWrites += 3;
            if (bus.canRead()) {
                bus.rd(true);
                pinWrites++;
            }
            linesKnown = true;
            csLevel = wrLevel = dataLevel = rdLevel = true;
        } else {
            setCs(true);
            setWr(true);
            if (bus.canRead()) {
                setRd(true);
            }
        }
        bus.pause(halfPeriodNanos);
    }

    private void beginFrame() {
        if (!linesKnown) {
            idleLines();
        }
        setCs(false);
        bus.pause(halfPeriodNanos);
    }

    private void endFrame() {
        setCs(true);
        bus.pause(halfPeriodNanos);
    }

    private void sendBits(int value, int count) {
        for (int b = count - 1; b >= 0; b--) {
            setWr(false);
            setData((value >> b & 1) != 0);
            bus.pause(halfPeriodNanos);
            setWr(true);
            bus.pause(halfPeriodNanos);
        }
    }

    private void setCs(boolean high) {
        if (csLevel != high) {
            csLevel = high;
            pinWrites++;
            bus.cs(high);
        }
    }

    private void setWr(boolean high) {
        if (wrLevel != high) {
            wrLevel = high;
            pinWrites++;
            bus.wr(high);
        }
    }

    private void setData(boolean high) {
        if (dataLevel != high) {
            dataLevel = high;
            pinWrites++;
            bus.data(high);
        }
    }

    private void setRd(boolean high) {
        if (rdLevel != high) {
            rdLevel = high;
            pinWrites++;
            bus.rd(high);
        }
    }
}
