package io.openkws.meter.history;

/**
 * The aggregates an hour, a day and a month share, with the merge rules that make roll-ups exact.
 *
 * <p>Exists so hourly rows, daily and monthly roll-ups and the in-memory hour use one definition: sums (energy,
 * samples, voltage sum, relay-closed time) add and subtract, extremes (voltage min/max, power max) only merge.
 * An absent extreme (no sample) is {@code NaN}.
 *
 * @param energyKWh          active energy, kWh
 * @param samples            number of readings
 * @param voltageMinV        lowest voltage seen, NaN with no readings
 * @param voltageSumV        sum of the voltages of all readings (average = sum / samples)
 * @param voltageMaxV        highest voltage seen, NaN with no readings
 * @param powerMaxW          highest active power seen, NaN with no readings
 * @param relayClosedSeconds time the relay's contacts were closed, seconds
 */
public record Totals(double energyKWh, long samples, double voltageMinV, double voltageSumV, double voltageMaxV,
                     double powerMaxW, double relayClosedSeconds) {

    /** Nothing recorded. */
    public static final Totals EMPTY = new Totals(0, 0, Double.NaN, 0, Double.NaN, Double.NaN, 0);

    /** Average voltage of the readings, NaN with none. */
    public double voltageAvgV() {
        return samples == 0 ? Double.NaN : voltageSumV / samples;
    }

    /** Minutes the relay was closed. */
    public double relayClosedMinutes() {
        return relayClosedSeconds / 60.0;
    }

    /** {@code this} with {@code newer} replacing {@code older} in it: sums move by the difference, extremes merge. */
    public Totals replace(Totals older, Totals newer) {
        return new Totals(energyKWh - older.energyKWh + newer.energyKWh, samples - older.samples + newer.samples,
                min(voltageMinV, newer.voltageMinV), voltageSumV - older.voltageSumV + newer.voltageSumV,
                max(voltageMaxV, newer.voltageMaxV), max(powerMaxW, newer.powerMaxW),
                relayClosedSeconds - older.relayClosedSeconds + newer.relayClosedSeconds);
    }

    private static double min(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
