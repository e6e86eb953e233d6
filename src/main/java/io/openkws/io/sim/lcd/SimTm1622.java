package io.openkws.io.sim.lcd;

import io.openkws.driver.pin.InputPin;
import io.openkws.driver.pin.OutputPin;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * A simulated TM1622 that decodes the edges of its CS, WR, DATA and RD inputs into command state and its 64×4-bit
 * display RAM, and reports protocol violations.
 *
 * <p>Exists as an independent check of the driver: it is written from the fact sheet (frames latched on WR
 * rising edges, mode ID {@code 100}/{@code 101}/{@code 110}, 9-bit commands, A5..A0 MSB first, nibbles D0 first,
 * auto-increment, RD output on falling edges), not from the driver's code. It is fed either by the four
 * {@link OutputPin}s it provides (times from a {@link Clock}) or by timed {@link Edge}s (a logic-analyser trace).
 * All lines start high. Single-threaded.
 */
public final class SimTm1622 {

    /** Shortest WR/RD phase the sim accepts without a violation: 3.34 µs, the fact sheet's 3 V figure. */
    public static final long DEFAULT_MIN_HALF_PERIOD_NANOS = 3_340;

    /** The chip's inputs. */
    public enum Line { CS, WR, DATA, RD }

    /** One level change on one line at a time. */
    public record Edge(long timeNanos, Line line, boolean high) {
    }

    /** A protocol or timing violation, with the time it was seen. */
    public record Violation(long timeNanos, String message) {
        @Override
        public String toString() {
            return seconds(timeNanos) + " s: " + message;
        }
    }

    /** One decoded CS frame, with the RAM as it stood when CS went high. */
    public sealed interface Frame permits CommandFrame, WriteFrame, ReadFrame {
        long startNanos();

        RamImage ramAfter();
    }

    /** A command frame: the 8-bit codes it carried. */
    public record CommandFrame(long startNanos, List<Integer> codes, RamImage ramAfter) implements Frame {
    }

    /** A write frame: start address and the nibbles written, in order. */
    public record WriteFrame(long startNanos, int startAddress, List<Integer> nibbles, RamImage ramAfter)
            implements Frame {
    }

    /** A read frame: start address and the number of bits the chip put out. */
    public record ReadFrame(long startNanos, int startAddress, int bitsRead, RamImage ramAfter) implements Frame {
    }

    private final Clock clock;
    private final long minHalfPeriodNanos;
    private final boolean[] level = {true, true, true, true};
    private final long[] lastEdgeNanos = new long[4];
    private final int[] ram = new int[RamImage.ADDRESSES];
    private final List<Violation> violations = new ArrayList<>();
    private final List<Frame> frames = new ArrayList<>();
    private final List<Integer> commandLog = new ArrayList<>();
    private final Consumer<Frame> frameSink;
    private long violationCount;

    /** Violations a {@link #decoding decoding} chip keeps; the rest are only counted. */
    public static final int MAX_KEPT_VIOLATIONS = 1000;

    private boolean sysEnabled;
    private boolean lcdOn;
    private boolean externalClock;
    private boolean testMode;

    private boolean inFrame;
    private long frameStart;
    private int bitCount;
    private int mode;
    private int shift;
    private int shiftCount;
    private int address;
    private int startAddress;
    private List<Integer> frameCodes;
    private List<Integer> frameNibbles;
    private int readBits;
    private boolean dataOut = true;
    private int readAddress;
    private int readBitIndex;
    private boolean wrapped;

    /** A chip fed by {@link #feed}: no clock needed, times come with the edges. */
    public SimTm1622() {
        this(null, DEFAULT_MIN_HALF_PERIOD_NANOS);
    }

    /** A chip whose {@link #pin pins} stamp edges with {@code clock}'s time. */
    public SimTm1622(Clock clock) {
        this(clock, DEFAULT_MIN_HALF_PERIOD_NANOS);
    }

    public SimTm1622(Clock clock, long minHalfPeriodNanos) {
        this(clock, minHalfPeriodNanos, null);
    }

    private SimTm1622(Clock clock, long minHalfPeriodNanos, Consumer<Frame> frameSink) {
        this.clock = clock;
        this.minHalfPeriodNanos = minHalfPeriodNanos;
        this.frameSink = frameSink;
    }

    /**
     * A chip fed by {@link #feed} for decoding a trace of any length in constant memory: each complete frame goes
     * to {@code frameSink} instead of {@link #frames()}, the {@link #commandLog()} stays empty, and only the first
     * {@value #MAX_KEPT_VIOLATIONS} violations are kept ({@link #violationCount()} counts them all).
     */
    public static SimTm1622 decoding(Consumer<Frame> frameSink) {
        return new SimTm1622(null, DEFAULT_MIN_HALF_PERIOD_NANOS, java.util.Objects.requireNonNull(frameSink));
    }

    /**
     * A chip driven through its {@link #pin pins} for as long as a simulated meter runs (days): like a
     * {@link #decoding} chip it keeps no frames, no command log and at most {@value #MAX_KEPT_VIOLATIONS}
     * violations, so its memory does not grow with the LCD refreshes.
     */
    public static SimTm1622 running(Clock clock) {
        return new SimTm1622(java.util.Objects.requireNonNull(clock), DEFAULT_MIN_HALF_PERIOD_NANOS, frame -> { });
    }

    /** An output pin driving {@code line} of this chip (the driver side writes to it). */
    public OutputPin pin(Line line) {
        if (clock == null) {
            throw new IllegalStateException("a SimTm1622 without a clock is fed edges, not pins");
        }
        return new OutputPin() {
            @Override
            public void set(boolean high) {
                if (level[line.ordinal()] != high) {
                    feed(new Edge(clock.nanoTime(), line, high));
                }
            }

            @Override
            public boolean isHigh() {
                return level[line.ordinal()];
            }
        };
    }

    /** The DATA net as the host reads it: low when either the host or the chip (in read mode) pulls it low. */
    public InputPin dataIn() {
        return () -> level[Line.DATA.ordinal()] && dataOut;
    }

    /** Applies one edge. An "edge" to the level a line already has is ignored. */
    public void feed(Edge edge) {
        int index = edge.line().ordinal();
        if (level[index] == edge.high()) {
            return;
        }
        long previous = lastEdgeNanos[index];
        level[index] = edge.high();
        lastEdgeNanos[index] = edge.timeNanos();
        switch (edge.line()) {
            case CS -> {
                if (!edge.high()) {
                    startFrame(edge.timeNanos());
                } else {
                    endFrame(edge.timeNanos());
                }
            }
            case WR -> {
                if (inFrame) {
                    checkPhase(edge, previous, "WR");
                    if (edge.high()) {
                        clockIn(edge.timeNanos());
                    }
                }
            }
            case DATA -> {
                if (inFrame && level[Line.WR.ordinal()] && !(mode == 0b110 && bitCount >= 9)) {
                    violation(edge.timeNanos(), "DATA changed while WR was high");
                }
            }
            case RD -> {
                if (inFrame) {
                    checkPhase(edge, previous, "RD");
                    readStrobe(edge);
                }
            }
        }
    }

    /** Feeds a whole trace in order. */
    public void feedAll(List<Edge> edges) {
        edges.forEach(this::feed);
    }

    /** The display RAM now. */
    public RamImage ram() {
        return RamImage.of(ram);
    }

    /** What the glass shows: the RAM when the oscillator and the bias generator are on, else nothing. */
    public RamImage visible() {
        return sysEnabled && lcdOn ? ram() : RamImage.BLANK;
    }

    public boolean sysEnabled() {
        return sysEnabled;
    }

    public boolean lcdOn() {
        return lcdOn;
    }

    public boolean externalClock() {
        return externalClock;
    }

    /** Every command code received, in order. */
    public List<Integer> commandLog() {
        return Collections.unmodifiableList(commandLog);
    }

    /** Every complete frame decoded, in order. */
    public List<Frame> frames() {
        return Collections.unmodifiableList(frames);
    }

    /** Every violation seen, in order (for a {@link #decoding} chip, the first {@value #MAX_KEPT_VIOLATIONS}). */
    public List<Violation> violations() {
        return Collections.unmodifiableList(violations);
    }

    /** How many violations were seen, including those a {@link #decoding} chip did not keep. */
    public long violationCount() {
        return violationCount;
    }

    /**
     * A simulated power glitch (ESD, brown-out): the chip returns to its power-on state (SYS DIS, LCD OFF) with
     * its RAM scrambled to {@code garbage}.
     */
    public void powerGlitch(RamImage garbage) {
        sysEnabled = false;
        lcdOn = false;
        testMode = false;
        System.arraycopy(garbage.toArray(), 0, ram, 0, RamImage.ADDRESSES);
    }

    /** The name of a command code as in the fact sheet, or its hex value. */
    public static String commandName(int code) {
        return switch (code) {
            case 0x00 -> "SYS DIS";
            case 0x01 -> "SYS EN";
            case 0x02 -> "LCD OFF";
            case 0x03 -> "LCD ON";
            case 0x04 -> "TIMER DIS";
            case 0x05 -> "WDT DIS";
            case 0x06 -> "TIMER EN";
            case 0x07 -> "WDT EN";
            case 0x08 -> "TONE OFF";
            case 0x09 -> "TONE ON";
            case 0x0C, 0x0D, 0x0E -> "CLR TIMER";
            case 0x0F -> "CLR WDT";
            case 0x18, 0x19, 0x1A, 0x1B -> "RC 32K";
            case 0x1C, 0x1D, 0x1E, 0x1F -> "EXT 32K";
            case 0xE0 -> "TEST";
            case 0xE3 -> "NORMAL";
            default -> {
                if ((code & 0xE0) == 0x40) {
                    yield "TONE 4K";
                } else if ((code & 0xE0) == 0x60) {
                    yield "TONE 2K";
                } else if ((code & 0xE8) == 0x80) {
                    yield "IRQ DIS";
                } else if ((code & 0xE8) == 0x88) {
                    yield "IRQ EN";
                } else if ((code & 0xE0) == 0xA0) {
                    yield "F" + (1 << (code & 7));
                }
                yield String.format("0x%02X", code);
            }
        };
    }

    private void startFrame(long nanos) {
        inFrame = true;
        frameStart = nanos;
        bitCount = 0;
        mode = 0;
        shift = 0;
        shiftCount = 0;
        frameCodes = new ArrayList<>();
        frameNibbles = new ArrayList<>();
        readBits = 0;
        dataOut = true;
        wrapped = false;
    }

    private void endFrame(long nanos) {
        if (!inFrame) {
            return;
        }
        inFrame = false;
        dataOut = true;
        if (bitCount == 0) {
            return;
        }
        if (bitCount < 3) {
            violation(nanos, "frame cut short: CS rose after " + bitCount + " of 3 mode-ID bits");
            return;
        }
        switch (mode) {
            case 0b100 -> {
                if (shiftCount != 0) {
                    violation(nanos, "frame cut short: CS rose " + shiftCount + " bits into a 9-bit command");
                }
                if (frameCodes.isEmpty()) {
                    violation(nanos, "command frame without a command");
                }
                frame(new CommandFrame(frameStart, List.copyOf(frameCodes), ram()));
            }
            case 0b101 -> {
                if (bitCount < 9) {
                    violation(nanos, "frame cut short: CS rose inside the write address");
                } else {
                    if (shiftCount != 0) {
                        violation(nanos, "frame cut short: CS rose " + shiftCount + " bits into a nibble");
                    }
                    if (frameNibbles.isEmpty()) {
                        violation(nanos, "write frame without data");
                    }
                    frame(new WriteFrame(frameStart, startAddress, List.copyOf(frameNibbles), ram()));
                }
            }
            case 0b110 -> {
                if (bitCount < 9) {
                    violation(nanos, "frame cut short: CS rose inside the read address");
                } else {
                    frame(new ReadFrame(frameStart, startAddress, readBits, ram()));
                }
            }
            default -> {
            }
        }
    }

    private void clockIn(long nanos) {
        boolean bit = level[Line.DATA.ordinal()];
        bitCount++;
        if (bitCount <= 3) {
            mode = mode << 1 | (bit ? 1 : 0);
            if (bitCount == 3 && mode != 0b100 && mode != 0b101 && mode != 0b110) {
                violation(nanos, "unknown mode ID " + Integer.toBinaryString(mode | 0b1000).substring(1));
            }
            return;
        }
        switch (mode) {
            case 0b100 -> {
                shift = shift << 1 | (bit ? 1 : 0);
                if (++shiftCount == 9) {
                    execute(shift >> 1, nanos);
                    shift = 0;
                    shiftCount = 0;
                }
            }
            case 0b101 -> {
                if (bitCount <= 9) {
                    address = address << 1 & 0x3F | (bit ? 1 : 0);
                    if (bitCount == 9) {
                        startAddress = address;
                    }
                    return;
                }
                if (bit) {
                    shift |= 1 << shiftCount;
                }
                if (++shiftCount == 4) {
                    storeNibble(shift, nanos);
                    shift = 0;
                    shiftCount = 0;
                }
            }
            case 0b110 -> {
                if (bitCount <= 9) {
                    address = address << 1 & 0x3F | (bit ? 1 : 0);
                    if (bitCount == 9) {
                        startAddress = address;
                        readAddress = address;
                        readBitIndex = 0;
                    }
                } else {
                    violation(nanos, "WR clock in read mode after the address");
                }
            }
            default -> {
            }
        }
    }

    private void readStrobe(Edge edge) {
        if (mode != 0b110 || bitCount < 9) {
            if (!edge.high()) {
                violation(edge.timeNanos(), "RD pulsed outside a read frame's data phase");
            }
            return;
        }
        if (!edge.high()) {
            if (!level[Line.DATA.ordinal()]) {
                violation(edge.timeNanos(), "host drives DATA low while the chip outputs read data");
            }
            dataOut = (ram[readAddress] >> readBitIndex & 1) != 0;
            readBits++;
            if (++readBitIndex == 4) {
                readBitIndex = 0;
                readAddress = (readAddress + 1) & 0x3F;
            }
        }
    }

    private void storeNibble(int value, long nanos) {
        if (!sysEnabled) {
            violation(nanos, "RAM write before SYS EN");
        }
        if (wrapped) {
            violation(nanos, "successive write wrapped past address 63 (unverified on the chip)");
            wrapped = false;
        }
        ram[address] = value;
        frameNibbles.add(value);
        if (address == RamImage.ADDRESSES - 1) {
            wrapped = true;
        }
        address = (address + 1) & 0x3F;
    }

    private void execute(int code, long nanos) {
        if (frameSink == null) {
            commandLog.add(code);
        }
        frameCodes.add(code);
        switch (code) {
            case 0x00 -> {
                sysEnabled = false;
                lcdOn = false;
            }
            case 0x01 -> sysEnabled = true;
            case 0x02 -> lcdOn = false;
            case 0x03 -> {
                lcdOn = true;
                if (!sysEnabled) {
                    violation(nanos, "LCD ON before SYS EN");
                }
            }
            case 0x18, 0x19, 0x1A, 0x1B -> externalClock = false;
            case 0x1C, 0x1D, 0x1E, 0x1F -> externalClock = true;
            case 0xE0 -> {
                testMode = true;
                violation(nanos, "TEST mode command (factory use only)");
            }
            case 0xE3 -> testMode = false;
            default -> {
            }
        }
    }

    private void checkPhase(Edge edge, long previousNanos, String name) {
        if (edge.timeNanos() - previousNanos < minHalfPeriodNanos && previousNanos >= frameStart) {
            violation(edge.timeNanos(), name + (edge.high() ? " low" : " high") + " phase of "
                    + (edge.timeNanos() - previousNanos) + " ns is shorter than " + minHalfPeriodNanos + " ns");
        }
    }

    private void violation(long nanos, String message) {
        violationCount++;
        if (frameSink == null || violations.size() < MAX_KEPT_VIOLATIONS) {
            violations.add(new Violation(nanos, message));
        }
    }

    private void frame(Frame frame) {
        if (frameSink != null) {
            frameSink.accept(frame);
        } else {
            frames.add(frame);
        }
    }

    static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
