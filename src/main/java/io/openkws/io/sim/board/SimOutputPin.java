package io.openkws.io.sim.board;

import io.openkws.driver.pin.InputPin;
import io.openkws.driver.pin.OutputPin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated output line that tells its listeners of every level change, synchronously.
 *
 * <p>Exists so the simulated parts (relay coils, TM1622 decoder) can watch what the real drivers write, exactly
 * like a chip watching its pins. Writing the level it already has is not a change.
 */
public final class SimOutputPin implements OutputPin {

    private final String name;
    private final List<InputPin.LevelListener> listeners = new CopyOnWriteArrayList<>();
    private boolean level;

    private boolean failNext;
    private volatile boolean failing;
    private SimOutputPin partner;

    public SimOutputPin(String name, boolean initialHigh) {
        this.name = name;
        this.level = initialHigh;
    }

    /** The line's name (for messages). */
    public String name() {
        return name;
    }

    /** Tells {@code listener} of every later level change. */
    public void addListener(InputPin.LevelListener listener) {
        listeners.add(listener);
    }

    /**
     * Makes the next {@link #set} of this line (or of {@code partner}, whichever comes first) throw, as a GPIO
     * write that fails would.
     */
    public synchronized void failNextWrite(SimOutputPin partner) {
        failNext = true;
        this.partner = partner;
    }

    /** Makes every {@link #set} of this line fail ({@code true}) until called with {@code false}. */
    public void setFailing(boolean failing) {
        this.failing = failing;
    }

    @Override
    public void set(boolean high) {
        if (failing) {
            throw new IllegalStateException(name + ": simulated GPIO write failure");
        }
        SimOutputPin other = null;
        synchronized (this) {
            if (failNext) {
                failNext = false;
                other = partner;
            }
        }
        if (other != null) {
            synchronized (other) {
                other.failNext = false;
            }
            throw new IllegalStateException(name + ": simulated GPIO write failure");
        }
        synchronized (this) {
            if (level == high) {
                return;
            }
            level = high;
        }
        for (InputPin.LevelListener l : listeners) {
            l.levelChanged(high);
        }
    }

    @Override
    public synchronized boolean isHigh() {
        return level;
    }
}
