package io.openkws.bench;

import io.openkws.app.Controller;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.driver.relay.RelayListener;
import io.openkws.driver.relay.RelayTiming;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.board.SimLatchingRelay;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Trip latencies, the figures behind {@code trip_latency_ms_*}.
 *
 * <p>Exists so every trip-latency measurement reports the same percentiles the same way; the measurement itself
 * runs on the device as {@code run} assembles it ({@link AssembledTripBench}).
 */
public final class TripLatencyBench {

    private static final double NORMAL_V = 230;
    private static final double OVER_V = 262;
    private static final double LIMIT_V = 250;
    private static final RelayTiming RIG_TIMING = new RelayTiming(10_000_000L, 20_000_000L);

    /** The result: latencies in milliseconds (sorted) and their percentiles. */
    public record Result(double[] latenciesMs) {
        public double percentile(double p) {
            double[] sorted = latenciesMs.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        public int trips() {
            return latenciesMs.length;
        }
    }

    private TripLatencyBench() {
    }
}
