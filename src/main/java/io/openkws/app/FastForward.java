package io.openkws.app;

import io.openkws.driver.relay.LatchingRelay;
import io.openkws.protect.ProtectionEngine;
import io.openkws.time.VirtualClock;
import io.openkws.ui.DeviceUi;

/**
 * Quiet-stretch fast-forward of {@link Simulation}: while nothing can happen but the passing of time, virtual time
 * advances in strides with one full control cycle per stride instead of one cycle every 27.5 ms.
 *
 * <p>Exists because a year of history is 1.1 billion wire-paced poll cycles (about 45 minutes of CPU), though in
 * a scenario of daily load steps nearly all of them read the same values into an engine with nothing to do. The
 * product's path is unchanged: every stride ends with a normal {@link Controller#cycle()} (the real driver over
 * the simulated UART, meter, protection engine, relay driver, hooks); only the cycles in between are not run. The
 * simulated chip integrates its energy register over the whole elapsed time, so energy stays exact.
 *
 * <p>A stride is taken only when all of these hold, checked before a cycle:
 * <ul>
 *   <li>the last {@code 2 * roundPolls + 1} cycles (two whole rounds of the chip's register schedule, which took
 *       the same time: no re-read in either) were wire-paced and quiet, and no scenario step ran since: each gave
 *       a reading, the engine was quiet
 *       ({@link ProtectionEngine#quietUntilNanos}: no fault timed, no close pending, no supply fault), the relay
 *       had nothing pending and no alarm was active;</li>
 *   <li>no clock task (scenario step, button release, relay timer) is due within the stride plus
 *       {@link #GUARD_NANOS}, nor the end of the scenario or an hour boundary of the history (so every step and
 *       every hour boundary is approached at wire pace: the hourly split of energy sees the same fresh counts);</li>
 *   <li>no button was pressed in the last {@link #AFTER_BUTTON_NANOS} (the menu times out first), and neither a
 *       step nor a move of the relay's contacts (the current that flows) happened in the last two update periods
 *       of the chip (its registers show the new values by then);</li>
 *   <li>the reading after the stride comes at least {@link #SAFETY_NANOS} before the engine's METER_LOST deadline
 *       or countdown expiry.</li>
 * </ul>
 * A stride skips a whole number of schedule rounds, each as long as the round just measured at wire pace, so the
 * cycle after it starts at the same instant and on the same register of the schedule as without fast-forward: the
 * poll grid and the chip's update grid at the next step are those of the wire-paced run. With a noise-free front
 * end the readings are the same too, so events and their times do not change ({@code SimulationFastForwardTest}).
 * Single-threaded, like the simulation.
 */
final class FastForward {

    /** Wire-paced polling before any clock task, hour boundary or the end. */
    static final long GUARD_NANOS = 2_000_000_000L;
    /** Margin between the reading after a stride and the engine's METER_LOST deadline or countdown expiry. */
    static final long SAFETY_NANOS = 250_000_000L;
    /** Longest stride (the history splits energy and relay time between samples at most 60 s apart). */
    static final long MAX_STRIDE_NANOS = 30_000_000_000L;
    /** No stride this long after a button press (the menu closes after {@link DeviceUi#MENU_TIMEOUT_SECONDS}). */
    static final long AFTER_BUTTON_NANOS = (DeviceUi.MENU_TIMEOUT_SECONDS + 1) * 1_000_000_000L;
    /** Length of a history hour. */
    static final long HOUR_NANOS = 3_600_000_000_000L;

    /** What fast-forward did in one run. */
    record Stats(long strides, long skippedNanos) {
    }

    private final VirtualClock clock;
    private final ProtectionEngine engine;
    private final Controller controller;
    private final LatchingRelay relay;
    private final Simulation.PanelPoller panel;
    private final long originNanos;
    private final long endNanos;
    private final int roundPolls;
    private final long settleNanos;
    private final long[] starts;
    private int quietCycles;
    private long roundNanos;
    private boolean lastHealthy;
    private boolean stepRan;
    private long noStrideBeforeNanos;
    private LatchingRelay.Contacts lastContacts;
    private int readings = 1;
    private long strides;
    private long skippedNanos;

    FastForward(VirtualClock clock, ProtectionEngine engine, Controller controller, LatchingRelay relay,
                Simulation.PanelPoller panel, long originNanos, long endNanos, int roundPolls, long chipUpdateNanos) {
        this.clock = clock;
        this.engine = engine;
        this.controller = controller;
        this.relay = relay;
        this.panel = panel;
        this.originNanos = originNanos;
        this.endNanos = endNanos;
        this.roundPolls = roundPolls;
        this.starts = new long[2 * roundPolls + 1];
        this.settleNanos = 2 * chipUpdateNanos;
        this.noStrideBeforeNanos = originNanos + settleNanos;
    }

    /** A scenario step ran ({@code button}: it pressed a button). */
    void stepRan(boolean button) {
        stepRan = true;
        long now = clock.nanoTime();
        noStrideBeforeNanos = Math.max(noStrideBeforeNanos, now + (button ? Math.max(AFTER_BUTTON_NANOS, settleNanos)
                : settleNanos));
    }

    /** The cycle just ended; {@code healthy}: it gave a reading. */
    void cycleEnded(boolean healthy) {
        lastHealthy = healthy;
    }

    /**
     * Before a cycle: takes a stride when the stretch is quiet (see the class comment). The panel's polls stay
     * suspended from the first stride until a cycle runs at wire pace again (no button can be pressed meanwhile:
     * no clock task is due).
     */
    void beforeCycle() {
        long now = clock.nanoTime();
        long skip = strideNanos(now);
        readings = skip > 0 ? (int) (skip / roundNanos * roundPolls + 1) : 1;
        if (skip > 0) {
            clock.advanceTo(now + skip);
            strides++;
            skippedNanos += skip;
        } else {
            panel.resume();
        }
    }

    /** How far to skip now: a whole number of schedule rounds, or 0 (wire pace). */
    private long strideNanos(long now) {
        LatchingRelay.Contacts contacts = relay.contacts();
        if (contacts != lastContacts) {
            lastContacts = contacts;
            stepRan = true;
            noStrideBeforeNanos = Math.max(noStrideBeforeNanos, now + settleNanos);
        }
        long quietUntil = engine.quietUntilNanos(now);
        boolean quiet = lastHealthy && !stepRan && quietUntil - now > 0 && !relay.isPending() && !relay.isPulsing();
        stepRan = false;
        if (!quiet) {
            quietCycles = 0;
            roundNanos = 0;
            return 0;
        }
        if (roundNanos == 0) {
            starts[quietCycles % starts.length] = now;
            quietCycles++;
            if (quietCycles < starts.length) {
                return 0;
            }
            long middle = starts[(quietCycles - 1 - roundPolls) % starts.length];
            long first = starts[(quietCycles - starts.length) % starts.length];
            if (now - middle != middle - first) {
                return 0;
            }
            roundNanos = now - middle;
        }
        if (now - noStrideBeforeNanos < 0) {
            return 0;
        }
        long nextHour = originNanos + ((now - originNanos) / HOUR_NANOS + 1) * HOUR_NANOS;
        long limit = Math.min(Math.min(quietUntil - SAFETY_NANOS, now + MAX_STRIDE_NANOS),
                Math.min(nextHour, endNanos) - GUARD_NANOS);
        if (limit - now < roundNanos || !controller.status().alarms().isEmpty()) {
            return 0;
        }
        panel.suspend();
        long nextDue = clock.nextDueNanos();
        if (nextDue != Long.MAX_VALUE) {
            limit = Math.min(limit, nextDue - GUARD_NANOS);
        }
        long rounds = (limit - now) / roundNanos;
        return rounds >= 1 ? rounds * roundNanos : 0;
    }

    /**
     * How many wire-paced readings the reading of the cycle under way stands for: 1, or after a stride the
     * skipped polls plus its own (they would all have read the same values).
     */
    int readingsOfThisCycle() {
        return readings;
    }

    Stats stats() {
        return new Stats(strides, skippedNanos);
    }
}
