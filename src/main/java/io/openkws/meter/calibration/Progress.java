package io.openkws.meter.calibration;

/**
 * Where a calibration step reports how far its averaging got, so a terminal can draw a progress bar and a test
 * can stay silent.
 */
@FunctionalInterface
public interface Progress {

    /** No output. */
    Progress NONE = (done, needed, spread) -> { };

    /**
     * @param done   readings in the current stable window
     * @param needed readings the step averages
     * @param spread relative spread of the window so far (NaN before two readings)
     */
    void update(int done, int needed, double spread);
}
