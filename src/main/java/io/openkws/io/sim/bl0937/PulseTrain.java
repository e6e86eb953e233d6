package io.openkws.io.sim.bl0937;

import io.openkws.io.sim.board.SimEdgeInputPin;
import io.openkws.time.Clock;

/**
 * A 50 % duty square wave on a simulated edge pin, whose frequency can change at any time without a glitch: the
 * phase reached so far is kept and the next edge is rescheduled at the new rate.
 *
 * <p>Exists so a pulse-output chip model is a set of frequencies, and the edges are exactly where a real chip's
 * would be (one scheduled task per edge on the clock; nothing happens between edges). Phase 0 is a rising edge,
 * phase ½ a falling one. A frequency of 0 stops the train where it is. Thread-safe (a real-time clock runs the
 * edges on its timer thread); each edge is scheduled from the previous edge's due time, so a timer thread that runs
 * late delays single edges (the driver sees that as timestamp jitter) but never slows the train down. The same
 * holds for deliberate jitter ({@link #setJitter}): each edge is driven a seeded Gaussian time away from its ideal
 * time (bounded to a quarter of the half-period so edges never swap), the ideal times stay the train's phase.
 */
final class PulseTrain {

    private final Clock clock;
    private final SimEdgeInputPin pin;
    private double hz;
    /** Cycles in [0, 1) reached at {@link #phaseAtNanos}. */
    private double phase = 0.5;
    private long phaseAtNanos;
    private Clock.Timer timer;
    /** When the scheduled edge is due: the edge's ideal time, which a late timer thread does not move. */
    private long dueNanos;
    /** Which scheduled toggle is current: a cancelled one that already started on a timer thread does nothing. */
    private long generation;
    private double jitterNanos;
    private java.util.Random random;

    PulseTrain(Clock clock, SimEdgeInputPin pin) {
        this.clock = clock;
        this.pin = pin;
        this.phaseAtNanos = clock.nanoTime();
    }

    /** Drives each edge a Gaussian time of standard deviation {@code sigmaNanos} off its ideal time (0 = exact). */
    synchronized void setJitter(double sigmaNanos, long seed) {
        this.jitterNanos = sigmaNanos;
        this.random = sigmaNanos > 0 ? new java.util.Random(seed) : null;
    }

    synchronized double hz() {
        return hz;
    }

    synchronized void setFrequency(double newHz) {
        if (newHz == hz) {
            return;
        }
        long now = clock.nanoTime();
        while (timer != null && now - dueNanos >= 0) {
            timer.cancel();
            toggle();
        }
        phase += (now - phaseAtNanos) * hz / 1e9;
        phase -= Math.floor(phase);
        phaseAtNanos = now;
        hz = newHz;
        reschedule();
    }

    private void reschedule() {
        generation++;
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
        if (hz <= 0) {
            return;
        }
        double cycles = phase < 0.5 ? 0.5 - phase : 1.0 - phase;
        dueNanos = phaseAtNanos + Math.max(1, Math.round(cycles / hz * 1e9));
        long mine = generation;
        long at = dueNanos;
        if (random != null) {
            double bound = 0.25 / hz * 1e9 / 2;
            at += Math.round(Math.max(-bound, Math.min(bound, random.nextGaussian() * jitterNanos)));
        }
        timer = clock.schedule(Math.max(0, at - clock.nanoTime()), () -> fire(mine));
    }

    private synchronized void fire(long scheduled) {
        if (scheduled == generation) {
            toggle();
        }
    }

    private void toggle() {
        boolean rising = phase >= 0.5;
        phase = rising ? 0.0 : 0.5;
        phaseAtNanos = dueNanos;
        timer = null;
        pin.drive(rising);
        reschedule();
    }
}
