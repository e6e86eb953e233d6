package io.openkws.io.sim.uart;

import java.util.Random;
import java.util.function.LongConsumer;

/**
 * A simulated UART chip's own end of the line: the receiver's frame assembly (a partial frame is dropped after an
 * inter-byte gap), the reply buffer the {@link UartWire} sends from, and seeded fault injection
 * ({@link UartFaults}) drawn from the chip's random source.
 *
 * <p>Exists so the HT7017 and BL0942 simulators keep only their own protocol (which bytes start and end a frame,
 * what a reply holds) and share the rest. Allocation-free per byte. Not thread-safe: used under its chip's lock.
 */
public final class SimUartPort {

    private final Random random;
    private final long rxResetGapNanos;
    private final LongConsumer chipReset;
    private final int[] frame;
    private final byte[] reply;
    private UartFaults faults;
    private int frameLength;
    private long lastRxNanos = Long.MIN_VALUE;
    private int replyLength;
    private long replyExtraDelayNanos;

    /**
     * @param random          the chip's seeded random source (shared with its measurement noise, so the draws
     *                        interleave as the chip makes them)
     * @param noFaults        the faults in force until {@link #setFaults} is called
     * @param maxFrameBytes   the longest frame the chip receives
     * @param replyCapacity   the longest reply, garbage included
     * @param rxResetGapNanos the inter-byte gap after which a partial frame is dropped
     * @param chipReset       resets the chip at the given instant (a spontaneous reset fault)
     */
    public SimUartPort(Random random, UartFaults noFaults, int maxFrameBytes, int replyCapacity,
            long rxResetGapNanos, LongConsumer chipReset) {
        this.random = random;
        this.faults = noFaults;
        this.frame = new int[maxFrameBytes];
        this.reply = new byte[replyCapacity];
        this.rxResetGapNanos = rxResetGapNanos;
        this.chipReset = chipReset;
    }

    public void setFaults(UartFaults faults) {
        this.faults = faults;
    }

    /**
     * A host byte completed at {@code atNanos}: forgets the previous reply and drops a partial frame when the gap
     * since the last byte exceeds the receiver's reset gap.
     */
    public void byteArrived(long atNanos) {
        replyLength = 0;
        replyExtraDelayNanos = 0;
        if (frameLength > 0 && atNanos - lastRxNanos > rxResetGapNanos) {
            frameLength = 0;
        }
        lastRxNanos = atNanos;
    }

    /** Bytes of the frame being assembled. */
    public int frameLength() {
        return frameLength;
    }

    /** Appends a byte to the frame; returns the frame's new length. */
    public int append(int b) {
        frame[frameLength++] = b;
        return frameLength;
    }

    /** Byte {@code i} of the frame (valid after {@link #clearFrame()} until the next {@link #append}). */
    public int frame(int i) {
        return frame[i];
    }

    /** Starts a new frame (a complete one was taken, or the chip reset). */
    public void clearFrame() {
        frameLength = 0;
    }

    /**
     * Draws the faults that strike before a frame is handled: the chip may reset itself (through the chip-reset
     * hook), then whether its reply is dropped.
     */
    public boolean faultsBeforeFrame(long atNanos) {
        if (faults.resetPerFrameRate() > 0 && random.nextDouble() < faults.resetPerFrameRate()) {
            chipReset.accept(atNanos);
        }
        return faults.dropReplyRate() > 0 && random.nextDouble() < faults.dropReplyRate();
    }

    /** Draws whether this reply's checksum is corrupted. */
    public boolean corruptReply() {
        return faults.corruptReplyRate() > 0 && random.nextDouble() < faults.corruptReplyRate();
    }

    /** {@code checksum} with a random non-zero set of its 8 bits flipped. */
    public int corrupted(int checksum) {
        return checksum ^ (1 + random.nextInt(255));
    }

    /** Starts a reply: with the garbage rate, 1-3 random bytes first. */
    public void startReply() {
        if (faults.garbageRate() > 0 && random.nextDouble() < faults.garbageRate()) {
            int n = 1 + random.nextInt(3);
            for (int i = 0; i < n; i++) {
                reply[replyLength++] = (byte) random.nextInt(256);
            }
        }
    }

    /** Appends a reply byte (the low 8 bits of {@code b}). */
    public void put(int b) {
        reply[replyLength++] = (byte) b;
    }

    /** Ends the reply: it goes out after the faults' extra delay. */
    public void endReply() {
        replyExtraDelayNanos = faults.extraDelayNanos();
    }

    /** Reply bytes queued since the last host byte. */
    public int replyLength() {
        return replyLength;
    }

    /** The reply buffer ({@link #replyLength()} bytes are valid). */
    public byte[] replyBytes() {
        return reply;
    }

    /** The sum of the reply's bytes from {@code start}, as unsigned values. */
    public int replySum(int start) {
        int sum = 0;
        for (int i = start; i < replyLength; i++) {
            sum += reply[i] & 0xFF;
        }
        return sum;
    }

    public long replyExtraDelayNanos() {
        return replyExtraDelayNanos;
    }
}
