package io.openkws.io.sim.board;

import io.openkws.driver.pin.InputPin;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated input line whose level the simulation (or a test, or a key press) drives.
 *
 * <p>Exists so buttons and the relay feedback contact can be operated from code while the real drivers read them
 * through the same {@link InputPin} seam as on a Pi.
 */
public final class SimInputPin implements InputPin {

    private final List<LevelListener> listeners = new CopyOnWriteArrayList<>();
    private boolean level;

    public SimInputPin(boolean initialHigh) {
        this.level = initialHigh;
    }

    /** Drives the line; listeners hear of a change. */
    public void drive(boolean high) {
        synchronized (this) {
            if (level == high) {
                return;
            }
            level = high;
        }
        for (LevelListener l : listeners) {
            l.levelChanged(high);
        }
    }

    @Override
    public synchronized boolean isHigh() {
        return level;
    }

    @Override
    public boolean addLevelListener(LevelListener listener) {
        listeners.add(listener);
        return true;
    }
}
