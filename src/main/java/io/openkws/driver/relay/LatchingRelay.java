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
 * called in order after the relay's lock is released (a listener can never hold up another thread's relay
 * command), and a coil write that fails is reported to them ({@link RelayListener#onCoilFailure}) instead of being
 * thrown at whoever asked for the move. Give it a clock with a timer of its own ({@link Clock#withOwnTimer}) so
 * pulse ends never wait behind other timer work.
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
    private final java.util.concurrent.atomic.AtomicLong listenerFailures = new java.util.concurrent.atomic.AtomicLong();
    /** Listener calls decided under the lock, made after it is released. */
    private final java.util.ArrayDeque<Notice> notices = new java.util.ArrayDeque<>();
    /** A thread is handing notices to the listeners (guarded by this). */
    private boolean delivering;

    private record Notice(int kind, boolean closing, long nanos, RuntimeException cause) {
        static final int START = 0;
        static final int END = 1;
        static final int FAILURE = 2;
    }

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

    /**
     * How many listener calls threw (they are skipped: a listener's bug never stops the relay or its other
     * listeners).
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** The timing in use. */
    public RelayTiming timing() {
        return timing;
    }

    /** Drives the contacts OFF (pulses the OFF coil now): their state at power-on is unknown. Call once. */
    public void startup() {
        synchronized (this) {
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
        fireNotices();
    }

    /**
     * Asks for the contacts to be closed ({@code true}) or open. Returns at once; the pulse starts now, after the
     * running pulse, or (for a close) when the minimum interval since the last operation has passed. Ignored after
     * {@link #close()}.
     */
    public void set(boolean closed) {
        synchronized (this) {
            if (!started) {
                throw new IllegalStateException("call startup() before commanding the relay");
            }
            if (shut) {
                return;
            }
            desiredClosed = closed;
            step(clock.nanoTime());
        }
        fireNotices();
    }

    /**
     * Drives the contacts OFF again whatever the tracked state says (contacts that did not open: welded, or a coil
     * that failed): an OFF pulse now, or when the running pulse ends. Ignored after {@link #close()}.
     */
    public void reassertOpen() {
        synchronized (this) {
            if (!started || shut) {
                return;
            }
            desiredClosed = false;
            if (contacts == Contacts.OPEN) {
                contacts = Contacts.UNKNOWN;
            }
            step(clock.nanoTime());
        }
        fireNotices();
    }

    /**
     * Last resort when the controller is failing: cancels everything, lowers the ON coil and pulses the OFF coil,
     * waiting for the pulse on the calling thread. Never throws; later commands are ignored.
     */
    public void emergencyOpen() {
        synchronized (this) {
            shut = true;
            generation++;
            cancelWait();
            if (pulseTimer != null) {
                pulseTimer.cancel();
                pulseTimer = null;
            }
            pulsing = false;
            try {
                onCoil.set(false);
                offCoil.set(true);
                try {
                    clock.sleepNanos(timing.pulseNanos());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                offCoil.set(false);
                contacts = Contacts.OPEN;
            } catch (RuntimeException e) {
                contacts = Contacts.UNKNOWN;
                try {
                    bothLow();
                } catch (RuntimeException ignored) {
                    // nothing more can be done from here
                }
            }
        }
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
        notices.clear();
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

    private void waitOver(long gen) {
        synchronized (this) {
            if (gen != generation || waitTimer == null) {
                return;
            }
            waitTimer = null;
            step(Math.max(clock.nanoTime(), waitUntilNanos));
        }
        fireNotices();
    }

    private void startPulse(boolean closing, long now) {
        OutputPin coil = closing ? onCoil : offCoil;
        OutputPin other = closing ? offCoil : onCoil;
        try {
            if (other.isHigh()) {
                other.set(false);
            }
            coil.set(true);
        } catch (RuntimeException e) {
            contacts = Contacts.UNKNOWN;
            try {
                bothLow();
            } catch (RuntimeException ignored) {
                // reported below with the first failure
            }
            notices.add(new Notice(Notice.FAILURE, closing, now, e));
            return;
        }
        pulsing = true;
        pulseClosing = closing;
        anyOperation = true;
        lastStartNanos = now;
        long gen = ++generation;
        pulseTimer = clock.schedule(timing.pulseNanos(), () -> endPulse(gen));
        notices.add(new Notice(Notice.START, closing, now, null));
    }

    private void endPulse(long gen) {
        synchronized (this) {
            if (gen != generation || !pulsing) {
                return;
            }
            pulseTimer = null;
            long now = Math.max(clock.nanoTime(), lastStartNanos + timing.pulseNanos());
            pulsing = false;
            try {
                (pulseClosing ? onCoil : offCoil).set(false);
                contacts = pulseClosing ? Contacts.CLOSED : Contacts.OPEN;
                notices.add(new Notice(Notice.END, pulseClosing, now, null));
            } catch (RuntimeException e) {
                contacts = Contacts.UNKNOWN;
                try {
                    bothLow();
                } catch (RuntimeException ignored) {
                    // reported below
                }
                notices.add(new Notice(Notice.FAILURE, pulseClosing, now, e));
                return;
            }
            step(now);
        }
        fireNotices();
    }

    /**
     * Calls the listeners for what happened under the lock, in order, without holding it. One thread delivers at a
     * time: a thread that finds another delivering leaves its notices to it (and returns at once), so the control
     * thread and the relay's timer never hand a pulse's start and end to the listeners out of order.
     */
    private void fireNotices() {
        synchronized (this) {
            if (delivering) {
                return;
            }
            delivering = true;
        }
        boolean done = false;
        try {
            while (true) {
                Notice n;
                synchronized (this) {
                    n = notices.poll();
                    if (n == null) {
                        delivering = false;
                        done = true;
                        return;
                    }
                }
                deliver(n);
            }
        } finally {
            if (!done) {
                synchronized (this) {
                    delivering = false;
                }
            }
        }
    }

    private void deliver(Notice n) {
        for (RelayListener l : listeners) {
            try {
                switch (n.kind()) {
                    case Notice.START -> l.onPulseStart(n.closing(), n.nanos());
                    case Notice.END -> l.onPulseEnd(n.closing(), n.nanos());
                    default -> l.onCoilFailure(n.closing(), n.nanos(), n.cause());
                }
            } catch (RuntimeException e) {
                listenerFailures.incrementAndGet();
            }
        }
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
