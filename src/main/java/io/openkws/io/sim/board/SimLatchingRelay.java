package io.openkws.io.sim.board;

import io.openkws.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bistable relay with an ON (set) coil and an OFF (reset) coil, watching its two coil lines.
 *
 * <p>Exists so the simulated board behaves like the real one: a coil must stay energised for the minimum
 * actuation time before the contacts move (shorter pulses do nothing), the contacts then stay where they are
 * when the coil is released, and both coils energised at once is a fault that is flagged and moves nothing.
 * The contact state is what the simulated HT7017 uses as "load connected". Timing comes from the injected clock.
 */
public final class SimLatchingRelay {

    private final Clock clock;
    private final long minActuationNanos;
    private final SimOutputPin onCoil = new SimOutputPin("relay-on-coil", false);
    private final SimOutputPin offCoil = new SimOutputPin("relay-off-coil", false);
    private final List<Consumer<Boolean>> contactListeners = new CopyOnWriteArrayList<>();
    private boolean closed;
    private boolean fault;
    private long faultCount;
    private long operations;
    private long generation;
    private boolean welded;

    /** A relay whose contacts start {@code initiallyClosed}. */
    public SimLatchingRelay(Clock clock, long minActuationNanos, boolean initiallyClosed) {
        this.clock = clock;
        this.minActuationNanos = minActuationNanos;
        this.closed = initiallyClosed;
        onCoil.addListener(high -> coilChanged(true, high));
        offCoil.addListener(high -> coilChanged(false, high));
    }

    /** The ON coil's line, for the relay driver ({@code set(true)} energises it). */
    public SimOutputPin onCoil() {
        return onCoil;
    }

    /** The OFF coil's line. */
    public SimOutputPin offCoil() {
        return offCoil;
    }

    /** Whether the contacts are closed (the load is connected). */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Welds the contacts where they are ({@code true}): no coil moves them until they are freed ({@code false}), as
     * contacts that welded under an overload would.
     */
    public synchronized void setWelded(boolean weld) {
        welded = weld;
    }

    /** Makes the next write to either coil line fail, as a GPIO error would. */
    public void failNextCoilWrite() {
        onCoil.failNextWrite(offCoil);
        offCoil.failNextWrite(onCoil);
    }

    /** Whether both coils have ever been energised together. */
    public synchronized boolean faulted() {
        return fault;
    }

    /** How many times both coils were energised together. */
    public synchronized long faultCount() {
        return faultCount;
    }

    /** How many times the contacts moved. */
    public synchronized long operations() {
        return operations;
    }

    /** Tells {@code listener} of every contact movement ({@code true} = closed), on the thread that caused it. */
    public void addContactListener(Consumer<Boolean> listener) {
        contactListeners.add(listener);
    }

    private void coilChanged(boolean on, boolean high) {
        long gen;
        synchronized (this) {
            gen = ++generation;
            if (onCoil.isHigh() && offCoil.isHigh()) {
                fault = true;
                faultCount++;
                return;
            }
            if (!high) {
                return;
            }
        }
        if (minActuationNanos == 0) {
            actuate(on, gen);
        } else {
            clock.schedule(minActuationNanos, () -> actuate(on, gen));
        }
    }

    private void actuate(boolean on, long gen) {
        boolean changed;
        synchronized (this) {
            boolean energised = on ? onCoil.isHigh() && !offCoil.isHigh() : offCoil.isHigh() && !onCoil.isHigh();
            if (gen != generation || !energised) {
                return;
            }
            if (welded) {
                return;
            }
            changed = closed != on;
            closed = on;
            if (changed) {
                operations++;
            }
        }
        if (changed) {
            for (Consumer<Boolean> l : contactListeners) {
                l.accept(on);
            }
        }
    }
}
