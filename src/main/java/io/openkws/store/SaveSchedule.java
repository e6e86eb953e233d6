package io.openkws.store;

/**
 * Decides when the state is worth writing, to spare SD cards while bounding what a power cut can lose.
 *
 * <p>A save is due when the energy grew by at least {@code energyStepKWh} and {@code minIntervalNanos} passed
 * since the last save, or when anything changed and {@code maxIntervalNanos} passed; trips, relay changes,
 * setting changes and shutdown force a save ({@link #force}). Pure: time comes in as arguments.
 */
public final class SaveSchedule {

    private final double energyStepKWh;
    private final long minIntervalNanos;
    private final long maxIntervalNanos;
    private long lastSaveNanos;
    private double lastSavedEnergyKWh;
    private boolean forced;

    public SaveSchedule(double energyStepKWh, long minIntervalNanos, long maxIntervalNanos, long nowNanos,
                        double savedEnergyKWh) {
        this.energyStepKWh = energyStepKWh;
        this.minIntervalNanos = minIntervalNanos;
        this.maxIntervalNanos = maxIntervalNanos;
        this.lastSaveNanos = nowNanos;
        this.lastSavedEnergyKWh = savedEnergyKWh;
    }

    /** Asks for a save at the next {@link #due} check, whatever the intervals. */
    public void force() {
        forced = true;
    }

    /** Whether a save is due now for a state holding {@code energyKWh}; {@code changed} = anything else changed. */
    public boolean due(long nowNanos, double energyKWh, boolean changed) {
        if (forced) {
            return true;
        }
        long since = nowNanos - lastSaveNanos;
        boolean energyStep = Math.abs(energyKWh - lastSavedEnergyKWh) >= energyStepKWh;
        if (energyStep && since >= minIntervalNanos) {
            return true;
        }
        return (changed || energyKWh != lastSavedEnergyKWh) && since >= maxIntervalNanos;
    }

    /** Records a successful (or attempted) save. */
    public void saved(long nowNanos, double energyKWh) {
        forced = false;
        lastSaveNanos = nowNanos;
        lastSavedEnergyKWh = energyKWh;
    }
}
