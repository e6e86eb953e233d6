package io.openkws.io.sim.board;

import io.openkws.time.Clock;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * A simulated metering chip with a register file that it refreshes every update period from the true mains: it
 * holds the {@link SimMains} inputs, the update period, the seeded random source, the reset count, and computes
 * lazily: before any input changes, and before a register is looked at, the chip catches up to now with the inputs
 * as they were.
 *
 * <p>Exists so the HT7017 and BL0942 simulators share their mains inputs and catch-up scaffolding and keep only
 * their own registers, protocol and transfer functions. Thread-safe: every method holds the chip's lock, and
 * subclasses' hooks are called under it.
 */
public abstract class SimRegisterChip implements SimMains {

    /** The chip's time. */
    protected final Clock clock;
    /** The chip's seeded random source: measurement noise and fault injection draw from it in turn. */
    protected final Random random;
    private final long updatePeriodNanos;
    private double voltageV;
    private double currentA;
    private double powerFactor = 1.0;
    private double frequencyHz = 50.0;
    private BooleanSupplier loadConnected = () -> true;
    private long resets;

    /** @param updatePeriodNanos how often the measurement registers refresh, > 0 */
    protected SimRegisterChip(Clock clock, long updatePeriodNanos, long seed) {
        if (updatePeriodNanos <= 0) {
            throw new IllegalArgumentException("update period must be > 0");
        }
        this.clock = clock;
        this.updatePeriodNanos = updatePeriodNanos;
        this.random = new Random(seed);
    }

    /** Brings the measurement registers up to {@code nowNanos} with the current inputs (under the lock). */
    protected abstract void catchUp(long nowNanos);

    /** A register's content without side effects, 0 for an address the chip does not have (under the lock). */
    protected abstract int registerValue(int address);

    /** Puts every register back to its reset value at {@code atNanos}, uncounted (under the lock). */
    protected abstract void loadResetValues(long atNanos);

    /** A reset at {@code atNanos} (soft reset, spontaneous reset, brown-out), counted in {@link #resets()}. */
    protected final void reset(long atNanos) {
        loadResetValues(atNanos);
        resets++;
    }

    @Override
    public synchronized void setVoltageV(double voltageV) {
        catchUp(clock.nanoTime());
        this.voltageV = Math.max(0, voltageV);
    }

    @Override
    public synchronized void setCurrentA(double currentA) {
        catchUp(clock.nanoTime());
        this.currentA = Math.max(0, currentA);
    }

    @Override
    public synchronized void setPowerFactor(double powerFactor) {
        catchUp(clock.nanoTime());
        this.powerFactor = Math.max(-1, Math.min(1, powerFactor));
    }

    @Override
    public synchronized void setFrequencyHz(double frequencyHz) {
        catchUp(clock.nanoTime());
        this.frequencyHz = Math.max(0, frequencyHz);
    }

    @Override
    public synchronized void setLoadConnected(BooleanSupplier loadConnected) {
        catchUp(clock.nanoTime());
        this.loadConnected = loadConnected;
    }

    @Override
    public synchronized double voltageV() {
        return voltageV;
    }

    @Override
    public synchronized double currentA() {
        return currentA;
    }

    /** The power factor now, in [-1, 1]. */
    protected final synchronized double powerFactor() {
        return powerFactor;
    }

    /** The line frequency now, Hz (0 or more). */
    protected final synchronized double frequencyHz() {
        return frequencyHz;
    }

    /** The current that flows now: the true current while the load is connected, else 0 (asks the supplier). */
    protected final synchronized double flowingCurrentA() {
        return loadConnected.getAsBoolean() ? currentA : 0;
    }

    /** {@code 1 + noise × N(0, 1)} drawn from the chip's random source, exactly 1 without noise. */
    protected final double noiseFactor(double noise) {
        return noise > 0 ? 1 + noise * random.nextGaussian() : 1;
    }

    /** A register's current content (tests and tools; no protocol involved). */
    public synchronized int peek(int address) {
        catchUp(clock.nanoTime());
        return registerValue(address);
    }

    /** Resets the chip now, as a brown-out would: every register back to its reset value. */
    public synchronized void resetNow() {
        reset(clock.nanoTime());
    }

    /** Resets so far (soft resets, spontaneous resets and {@link #resetNow()}). */
    public synchronized long resets() {
        return resets;
    }

    /** The measurement registers' refresh period, ns (the chip may lengthen it by a mode bit). */
    public long updatePeriodNanos() {
        return updatePeriodNanos;
    }

    /** {@code v} clamped into an unsigned 24-bit register. */
    protected static int clamp24(long v) {
        return (int) Math.max(0, Math.min(0xFFFFFF, v));
    }

    /** {@code v} rounded and clamped into a two's-complement 24-bit register. */
    protected static int signed24(double v) {
        long r = Math.max(-(1L << 23), Math.min((1L << 23) - 1, Math.round(v)));
        return (int) (r & 0xFFFFFF);
    }

    /** A two's-complement 24-bit register's value. */
    protected static int decode24(int raw) {
        return (raw & 0x800000) != 0 ? raw - (1 << 24) : raw;
    }
}
