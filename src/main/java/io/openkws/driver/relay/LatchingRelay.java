package io.openkws.driver.relay;

import io.openkws.driver.pin.InputPin;
import io.openkws.driver.pin.OutputPin;
import io.openkws.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Drives a bistable (latching) relay with an ON coil and an OFF coil, safely and without blocking.
 *
 * <p>Exists because a latching relay is easy to damage or to leave in an unknown state: this class is the only
 * code that touches the coils, and it guarantees, whatever threads call it:
 * <ul>
 *   <li>Interlock: the two coils are never energised at the same time. Every coil change happens under one lock
 *       and a coil is raised only when no pulse is running and the other coil is low.</li>
 *   <li>Bounded pulses of {@link RelayTiming#pulseNanos()}, ended by {@link Clock#schedule}, so the caller never
 *       waits for a pulse.</li>
 *   <li>A minimum interval between the starts of two operations, which may delay a close but never an opening:
 *       an opening requested while a close pulse runs starts as soon as that pulse ends.</li>
 *   <li>{@link #startup()} drives the contacts OFF first, since a latching relay keeps whatever state it had.</li>
 *   <li>{@link #close()} never moves the contacts: it only ensures both coils are low.</li>
 * </ul>
 * Commands set a desired state ({@link #set(boolean)}); the relay pulses only when the tracked contact state
 * differs from it, so repeated commands and quick on/off/on sequences never queue extra pulses. Listeners are
 * called under the relay's lock, in order, and must be quick.
 */
public final class LatchingRelay implements AutoCloseable {

    /** The contact state as tracked in software. */
    public enum Contacts { UNKNOWN, OPEN, CLOSED }

    private final OutputPin onCoil;
    private final OutputPin offCoil;
    private final RelayTiming timing;
    private final Clock clock;
    private final InputPin feedback;
    private final boolean feedbackClosedHigh;
    private final List<RelayListener> listeners = new CopyOnWriteArrayList<>();

    private Contacts contacts = Contacts.UNKNOWN;
    private Boolean desiredClosed;
    private boolean started;
    private boolean shut;
    private boolean pulsing;
    private boolean pulseClosing;
    private boolean anyOperation;
    private long lastStartNanos;
    private long generation;
    private Clock.Timer pulseTimer;
    private Clock.Timer waitTimer;
    private long waitUntilNanos;

    /** A relay without a feedback contact. Both coils are driven low at once; call {@link #startup()} next. */
    public LatchingRelay(OutputPin onCoil, OutputPin offCoil, RelayTiming timing, Clock clock) {
        this(onCoil, offCoil, timing, clock, null, true);
    }

    /**
     * A relay whose contacts can be read back on {@code feedback} (may be null), which reads {@code closedHigh}
     * when the contacts are closed.
     */
    public LatchingRelay(OutputPin onCoil, OutputPin offCoil, RelayTiming timing, Clock clock, InputPin feedback,
                         boolean closedHigh) {
        if (onCoil == offCoil) {
            throw new IllegalArgumentException("the ON and OFF coils must be different lines");
        }
        this.onCoil = onCoil;
        this.offCoil = offCoil;
        this.timing = timing;
        this.clock = clock;
        this.feedback = feedback;
        this.feedbackClosedHigh = closedHigh;
        bothLow();
    }

    /** Adds a listener; add it before {@link #startup()} to see the startup pulse. */
    public void addListener(RelayListener listener) {
        listeners.add(listener);
    }

    /** The timing in use. */
    public RelayTiming timing() {
        return timing;
    }

    /** Drives the contacts OFF (pulses the OFF coil now): their state at power-on is unknown. Call once. */
    public synchronized void startup() {
        if (started) {
            throw new IllegalStateException("startup() already called");
        }
        if (shut) {
            return;
        }
        started = true;
        desiredClosed = false;
        startPulse(false, clock.nanoTime());
    }

    /**
     * Asks for the contacts to be closed ({@code true}) or open. Returns at once; the pulse starts now, after the
     * running pulse, or (for a close) when the minimum interval since the last operation has passed. Ignored after
     * {@link #close()}.
     */
    public synchronized void set(boolean closed) {
        if (!started) {
            throw new IllegalStateException("call startup() before commanding the relay");
        }
        if (shut) {
            return;
        }
        desiredClosed = closed;
        step(clock.nanoTime());
    }

    /** The tracked contact state: the result of the last completed pulse. */
    public synchronized Contacts contacts() {
        return contacts;
    }

    /** Whether the tracked contacts are closed (a pulse toward closed that is still running does not count). */
    public synchronized boolean isClosed() {
        return contacts == Contacts.CLOSED;
    }

    /** The state last asked for ({@code false} after startup). */
    public synchronized boolean desiredClosed() {
        return Boolean.TRUE.equals(desiredClosed);
    }

    /** Whether a coil is energised now. */
    public synchronized boolean isPulsing() {
        return pulsing;
    }

    /** Whether the contacts have yet to reach the desired state (a pulse running, queued or delayed). */
    public synchronized boolean isPending() {
        return desiredClosed != null && contacts != (desiredClosed ? Contacts.CLOSED : Contacts.OPEN);
    }

    /** When a close delayed by the minimum interval will start, if one is waiting. */
    public synchronized OptionalLong delayedUntilNanos() {
        return waitTimer != null ? OptionalLong.of(waitUntilNanos) : OptionalLong.empty();
    }

    /** What the feedback contact says (closed = true), when the board has one. */
    public Optional<Boolean> feedbackClosed() {
        return feedback == null ? Optional.empty() : Optional.of(feedback.isHigh() == feedbackClosedHigh);
    }

    /**
     * Stops driving the relay: cancels pending operations and drives both coils low. The contacts stay where they
     * are; a pulse cut short leaves them {@link Contacts#UNKNOWN}. Later commands are ignored.
     */
    @Override
    public synchronized void close() {
        shut = true;
        generation++;
        cancelWait();
        if (pulseTimer != null) {
            pulseTimer.cancel();
            pulseTimer = null;
        }
        if (pulsing) {
            pulsing = false;
            contacts = Contacts.UNKNOWN;
        }
        bothLow();
    }

    private void step(long now) {
        if (shut || pulsing || desiredClosed == null) {
            return;
        }
        boolean closing = desiredClosed;
        if (contacts == (closing ? Contacts.CLOSED : Contacts.OPEN)) {
            cancelWait();
            return;
        }
        if (!closing) {
            cancelWait();
            startPulse(false, now);
            return;
        }
        long earliest = anyOperation ? lastStartNanos + timing.minIntervalNanos() : now;
        if (earliest <= now) {
            cancelWait();
            startPulse(true, now);
        } else if (waitTimer == null) {
            long gen = generation;
            waitUntilNanos = earliest;
            waitTimer = clock.schedule(earliest - now, () -> waitOver(gen));
        }
    }

    private synchronized void waitOver(long gen) {
        if (gen != generation || waitTimer == null) {
            return;
        }
        waitTimer = null;
        step(Math.max(clock.nanoTime(), waitUntilNanos));
    }

    private void startPulse(boolean closing, long now) {
        OutputPin coil = closing ? onCoil : offCoil;
        OutputPin other = closing ? offCoil : onCoil;
        if (other.isHigh()) {
            other.set(false);
        }
        try {
            coil.set(true);
        } catch (RuntimeException e) {
            bothLow();
            throw e;
        }
        pulsing = true;
        pulseClosing = closing;
        anyOperation = true;
        lastStartNanos = now;
        long gen = ++generation;
        pulseTimer = clock.schedule(timing.pulseNanos(), () -> endPulse(gen));
        for (RelayListener l : listeners) {
            l.onPulseStart(closing, now);
        }
    }

    private synchronized void endPulse(long gen) {
        if (gen != generation || !pulsing) {
            return;
        }
        pulseTimer = null;
        (pulseClosing ? onCoil : offCoil).set(false);
        pulsing = false;
        contacts = pulseClosing ? Contacts.CLOSED : Contacts.OPEN;
        long now = Math.max(clock.nanoTime(), lastStartNanos + timing.pulseNanos());
        for (RelayListener l : listeners) {
            l.onPulseEnd(pulseClosing, now);
        }
        step(now);
    }

    private void cancelWait() {
        if (waitTimer != null) {
            waitTimer.cancel();
            waitTimer = null;
        }
    }

    private void bothLow() {
        RuntimeException failure = null;
        for (OutputPin coil : List.of(onCoil, offCoil)) {
            try {
                coil.set(false);
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
