package io.openkws.io.sim.board;

import io.openkws.driver.pin.EdgeInputPin;
import io.openkws.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A simulated input line driven by a simulated chip (a BL0937's CF or CF1 output) that stamps each edge with the
 * simulation clock's time at the moment it is driven.
 *
 * <p>Exists so pulse-output chips run against the same {@link EdgeInputPin} seam as on a Pi, in virtual time: a
 * chip model schedules its edges on the {@link io.openkws.time.VirtualClock} and the driver sees them with exact
 * times. Driving the level it already has is not an edge.
 */
public final class SimEdgeInputPin implements EdgeInputPin {

    private final Clock clock;
    private final List<LevelListener> levelListeners = new CopyOnWriteArrayList<>();
    private final List<EdgeListener> edgeListeners = new CopyOnWriteArrayList<>();
    private boolean level;
    private long edges;

    public SimEdgeInputPin(Clock clock, boolean initialHigh) {
        this.clock = clock;
        this.level = initialHigh;
    }

    /** Drives the line; a change is an edge, stamped now and reported to every listener. */
    public void drive(boolean high) {
        synchronized (this) {
            if (level == high) {
                return;
            }
            level = high;
            edges++;
        }
        long nanos = clock.nanoTime();
        for (EdgeListener l : edgeListeners) {
            l.edge(high, nanos);
        }
        for (LevelListener l : levelListeners) {
            l.levelChanged(high);
        }
    }

    /** Edges driven so far (both directions). */
    public synchronized long edges() {
        return edges;
    }

    @Override
    public synchronized boolean isHigh() {
        return level;
    }

    @Override
    public boolean addLevelListener(LevelListener listener) {
        levelListeners.add(listener);
        return true;
    }

    @Override
    public void addEdgeListener(EdgeListener listener) {
        edgeListeners.add(listener);
    }
}
