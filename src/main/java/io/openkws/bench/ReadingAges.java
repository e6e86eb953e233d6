package io.openkws.bench;

import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import java.util.Arrays;

/**
 * How old the voltage, current and power the controller holds are, measured at the simulated HT7017: the figures
 * behind {@code reading_age_ms_*}.
 *
 * <p>Exists to show the price of reading the voltage just after each chip update (fewer reads of each register,
 * bunched after the update) next to the trip latency it buys. The age of a quantity at an instant is the time since
 * the chip computed the value the controller last received (the update the read showed; the value arrives a reply
 * time after the chip takes it); the percentiles are over time, every instant of the measurement weighing the same.
 * Fed by the chip's {@link Ht7017Sim.ReadListener}; thread-safe.
 */
public final class ReadingAges implements Ht7017Sim.ReadListener {

    /** The quantities measured, in figure order. */
    public enum Quantity {
        VOLTAGE(Ht7017Register.RMS_U), CURRENT(Ht7017Register.RMS_I1), POWER(Ht7017Register.POWER_P1);

        private final int address;

        Quantity(Ht7017Register register) {
            this.address = register.address();
        }

        /** The figure key's suffix, e.g. {@code voltage}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final long REPLY_NANOS = Ht7017Frames.READ_REPLY_LENGTH * Ht7017Frames.BYTE_NANOS;

    private final Track[] tracks = new Track[Quantity.values().length];
    private boolean recording;

    public ReadingAges() {
        for (int i = 0; i < tracks.length; i++) {
            tracks[i] = new Track();
        }
    }

    /** Starts measuring (before it, reads only set the values held). */
    public synchronized void start() {
        recording = true;
    }

    @Override
    public synchronized void registerRead(int address, long atNanos, long updateNanos) {
        for (Quantity q : Quantity.values()) {
            if (q.address == address) {
                tracks[q.ordinal()].received(atNanos + REPLY_NANOS, updateNanos, recording);
            }
        }
    }

    /** The age of {@code quantity} that {@code percent} % of the measured time stayed at or under, ms. */
    public synchronized double percentileMs(Quantity quantity, double percent) {
        return tracks[quantity.ordinal()].percentile(percent) / 1e6;
    }

    /** One quantity: the value held since {@code heldSince}, computed at {@code heldUpdate}; ramps of age so far. */
    private static final class Track {
        private long heldSince = Long.MIN_VALUE;
        private long heldUpdate;
        private double[] startAges = new double[1024];
        private double[] endAges = new double[1024];
        private int ramps;

        void received(long atNanos, long updateNanos, boolean recording) {
            if (recording && heldSince != Long.MIN_VALUE && atNanos > heldSince) {
                if (ramps == startAges.length) {
                    startAges = Arrays.copyOf(startAges, 2 * ramps);
                    endAges = Arrays.copyOf(endAges, 2 * ramps);
                }
                startAges[ramps] = heldSince - heldUpdate;
                endAges[ramps] = atNanos - heldUpdate;
                ramps++;
            }
            heldSince = atNanos;
            heldUpdate = updateNanos;
        }

        /** Time with an age above {@code age}. */
        private double timeAbove(double age) {
            double sum = 0;
            for (int i = 0; i < ramps; i++) {
                sum += Math.max(0, endAges[i] - Math.max(startAges[i], age));
            }
            return sum;
        }

        double percentile(double percent) {
            if (ramps == 0) {
                return Double.NaN;
            }
            double total = timeAbove(Double.NEGATIVE_INFINITY);
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < ramps; i++) {
                low = Math.min(low, startAges[i]);
                high = Math.max(high, endAges[i]);
            }
            double above = total * (1 - percent / 100);
            for (int i = 0; i < 60; i++) {
                double mid = (low + high) / 2;
                if (timeAbove(mid) > above) {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            return high;
        }
    }
}
