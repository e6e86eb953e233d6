package io.openkws.driver.bl0937;

import io.openkws.driver.pin.EdgeInputPin;
import io.openkws.driver.pin.OutputPin;
import io.openkws.time.Clock;

/**
 * Reads a BL0937 from its pulse outputs: CF (frequency ∝ active power), CF1 (∝ current or voltage, chosen by SEL),
 * with edges timestamped by the {@link EdgeInputPin}s and SEL driven through an {@link OutputPin}.
 *
 * <p>Exists because the BL0937 has no registers to read: every figure is a frequency, measured here by period
 * (periods between the first and last edge of a window, see {@link PulseFrequency}) so that low frequencies keep
 * their resolution, and CF1 can only carry one quantity at a time. Each {@link #poll()} waits for the next tick of
 * the {@link Bl0937Schedule} on the injected clock and returns the three frequencies and the CF pulse count.
 *
 * <p><b>SEL schedule</b> (the {@link Bl0937Schedule#DEFAULT default}), chosen for OVP/UVP: a reading every 50 ms;
 * SEL selects voltage for 300 ms (six readings, each with a fresh voltage), then current for 100 ms, extended tick
 * by tick while fewer than two CF1 edges have arrived (currents under 25 Hz of CF1, 0.32 A with the reference
 * scales) up to 400 ms; the first 20 ms of CF1 after every switch is discarded (the chip's output settling).
 * CF is never switched: power is fresh at every reading, and energy is the CF pulse count.
 *
 * <p><b>Voltage latency</b>: a voltage step is seen in full by the first reading whose window lies after it. The
 * worst case is a step early in the last voltage tick before SEL goes to current: that tick reads a blend, then
 * the current phase passes, then one voltage tick (settling included) — 200 ms at currents of 0.32 A and more,
 * 500 ms at lower currents or no load ({@link Bl0937Schedule#worstVoltageLatencyNanos()}); a step well inside the
 * voltage phase is seen within two ticks (100 ms). An over-voltage trips earlier than it is seen in full when the
 * blend already crosses the limit. Mains loss reads 0 V once CF1 has been silent for 100 ms in the voltage phase;
 * silence shorter than two ticks keeps the last figure (a stalled GPIO event thread delivers edges late, in a
 * burst, and must not read as a dead mains), longer silence bounds it (no edge in time L: at most 1/L). <b>Current latency</b>: a current
 * figure is at most 700 ms old (400 ms while the load draws 0.32 A or more). All are slower than a UART chip
 * polled every 27.5 ms.
 *
 * <p>Accuracy: timestamps are exact in simulation; on a Pi they carry the GPIO event thread's jitter, which a
 * window of tens of periods divides down. A frequency is 0 after its channel's timeout without edges (floor: 0.7
 * W and, for current, 2 CF1 edges in 380 ms ≈ 5 Hz, 64 mA with the reference scales — below it the figure is an
 * upper bound from the silence). Not thread-safe: {@link #start()} and {@link #poll()} run on one thread; edges may
 * arrive on any.
 */
public final class Bl0937Driver {

    private final OutputPin sel;
    private final boolean selHighForVoltage;
    private final Bl0937Schedule schedule;
    private final Clock clock;
    private final EdgeCounter cf;
    private final EdgeCounter cf1;

    private boolean started;
    private boolean voltagePhase;
    private long cfStartNanos;
    private long phaseStartNanos;
    private long settleEndNanos;
    private long nextTickNanos;
    private EdgeCounter.Snapshot cfBefore = EdgeCounter.Snapshot.EMPTY;
    private EdgeCounter.Snapshot cf1Before = EdgeCounter.Snapshot.EMPTY;
    private double powerHz = Double.POSITIVE_INFINITY;
    private double voltageHz = Double.POSITIVE_INFINITY;
    private double currentHz = Double.POSITIVE_INFINITY;
    private long voltageAtNanos;
    private long currentAtNanos;
    private boolean voltageKnown;
    private boolean currentKnown;
    private long selSwitches;

    /**
     * @param selHighForVoltage whether SEL high makes CF1 carry voltage (a board fact: the BL0937 datasheet's
     *                          polarity, or the inverse where the board inverts the line)
     */
    public Bl0937Driver(EdgeInputPin cfPin, EdgeInputPin cf1Pin, OutputPin sel, boolean selHighForVoltage,
                        Bl0937Schedule schedule, Clock clock) {
        this.sel = sel;
        this.selHighForVoltage = selHighForVoltage;
        this.schedule = schedule;
        this.clock = clock;
        long now = clock.nanoTime();
        this.cf = new EdgeCounter(now);
        this.cf1 = new EdgeCounter(now);
        cfPin.addEdgeListener(cf);
        cf1Pin.addEdgeListener(cf1);
    }

    /** (Re)starts measuring now: SEL to voltage, counters cleared, the CF pulse count kept. */
    public void start() {
        long now = clock.nanoTime();
        cf.restart(now);
        cfStartNanos = now;
        cfBefore = EdgeCounter.Snapshot.EMPTY;
        powerHz = voltageHz = currentHz = Double.POSITIVE_INFINITY;
        voltageKnown = currentKnown = false;
        enterPhase(true, now);
        nextTickNanos = now + schedule.tickNanos();
        started = true;
    }

    /**
     * Waits for the next tick and takes a reading. A reading taken late (the loop was busy) is taken when the
     * loop comes; ticks missed meanwhile are skipped. An interrupt ends the wait early and leaves the thread's
     * interrupt flag set.
     */
    public Bl0937Sample poll() {
        if (!started) {
            throw new IllegalStateException("start() first");
        }
        long now = clock.nanoTime();
        if (nextTickNanos - now > 0) {
            try {
                clock.sleepNanos(nextTickNanos - now);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            now = clock.nanoTime();
        }
        nextTickNanos += schedule.tickNanos();
        if (nextTickNanos - now <= 0) {
            nextTickNanos = now + schedule.tickNanos();
        }
        EdgeCounter.Snapshot cfNow = cf.snapshot();
        powerHz = PulseFrequency.estimate(cfBefore, cfNow, now, powerHz, schedule.silenceHoldNanos(),
                schedule.powerTimeoutNanos());
        cfBefore = cfNow;

        EdgeCounter.Snapshot cf1Now = cf1.snapshot();
        long inPhase = now - phaseStartNanos;
        if (voltagePhase) {
            voltageHz = PulseFrequency.estimate(cf1Before, cf1Now, now, voltageHz,
                    schedule.silenceHoldNanos(), schedule.cf1TimeoutNanos());
            voltageAtNanos = now;
            voltageKnown = true;
            cf1Before = cf1Now;
            if (inPhase >= schedule.voltagePhaseNanos()) {
                enterPhase(false, now);
            }
        } else if (inPhase >= schedule.currentPhaseMinNanos()
                && (cf1Now.count() >= 2 || inPhase >= schedule.currentPhaseMaxNanos())) {
            currentHz = PulseFrequency.estimate(EdgeCounter.Snapshot.EMPTY, cf1Now, now, currentHz, 0,
                    schedule.currentPhaseMaxNanos() - schedule.settleNanos());
            currentAtNanos = now;
            currentKnown = true;
            enterPhase(true, now);
        }
        return new Bl0937Sample(now, known(powerHz), voltageKnown ? known(voltageHz) : 0, voltageAtNanos,
                currentKnown ? known(currentHz) : 0, currentAtNanos, cf.total(), voltagePhase);
    }

    private static double known(double hz) {
        return hz == Double.POSITIVE_INFINITY ? 0 : hz;
    }

    private void enterPhase(boolean voltage, long now) {
        sel.set(voltage == selHighForVoltage);
        voltagePhase = voltage;
        phaseStartNanos = now;
        settleEndNanos = now + schedule.settleNanos();
        cf1.restart(settleEndNanos);
        cf1Before = EdgeCounter.Snapshot.EMPTY;
        selSwitches++;
    }

    /** Whether both voltage and current have been measured since {@link #start()}. */
    public boolean ready() {
        return voltageKnown && currentKnown;
    }

    /** Rising CF edges since construction (each is one energy quantum). */
    public long cfPulses() {
        return cf.total();
    }

    /**
     * Delivery bursts seen on CF and CF1 (edges closer than {@value EdgeCounter#BURST_GAP_NANOS} ns: the event path
     * stalled and caught up); no period is measured across one.
     */
    public long bursts() {
        return cf.bursts() + cf1.bursts();
    }

    /** SEL changes made so far (each start sets SEL once). */
    public long selSwitches() {
        return selSwitches;
    }

    public Bl0937Schedule schedule() {
        return schedule;
    }
}
