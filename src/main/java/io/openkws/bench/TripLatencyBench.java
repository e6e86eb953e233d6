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
import io.openkws.meter.ht7017.Ht7017Chip;
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
 * Real-time latency from over-voltage at the chip to the relay's OFF pulse, through the whole serial path: the
 * simulated HT7017 on a pseudo-terminal paced at the wire rate, jSerialComm, the driver, the meter, the real
 * {@link Controller} and {@link ProtectionEngine} (OVP with trip delay 0) and the {@link LatchingRelay} on
 * simulated coils, all on the system clock.
 *
 * <p>Exists to measure the number the safety case rests on. The clock starts when the chip's measurement
 * registers take the over-limit value ({@link Ht7017Sim.UpdateListener}, the chip's update instant) and stops at
 * the start of the OFF coil pulse ({@link RelayListener#onPulseStart}). Between trips the mains returns to
 * 230 V and the relay re-closes (recovery delay 0); the relay's timing is shortened for the rig (10 ms pulses,
 * 20 ms interval), which cannot change the opening path. A random pause before each over-voltage spreads the
 * chip's update instant over the poll cycle.
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

    /** Runs {@code trips} over-voltage trips; {@code progress} is told after each (may be null). */
    public static Result run(CalibrationProfile profile, FrontEnd frontEnd, int trips,
                             java.util.function.IntConsumer progress) throws InterruptedException {
        Clock clock = SystemClock.instance();
        Ht7017Sim chip = new Ht7017Sim(clock, frontEnd);
        SimLatchingRelay contacts = new SimLatchingRelay(clock, RIG_TIMING.pulseNanos() / 2, false);
        chip.setLoadConnected(contacts::isClosed);
        chip.setVoltageV(NORMAL_V);
        chip.setCurrentA(1);
        chip.setFrequencyHz(50);
        long[] overSince = {Long.MIN_VALUE};
        chip.setUpdateListener((atNanos, voltageV) -> {
            if (voltageV > LIMIT_V && overSince[0] == Long.MIN_VALUE) {
                overSince[0] = atNanos;
            }
        });
        BlockingQueue<Long> opens = new ArrayBlockingQueue<>(16);
        BlockingQueue<Long> closes = new ArrayBlockingQueue<>(16);
        LatchingRelay relay = new LatchingRelay(contacts.onCoil(), contacts.offCoil(), RIG_TIMING,
                clock);
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                if (!closing) {
                    opens.offer(nanos);
                }
            }

            @Override
            public void onPulseEnd(boolean closing, long nanos) {
                if (closing) {
                    closes.offer(nanos);
                }
            }
        });
        ProtectionSettings settings = ProtectionSettings.of(Map.of("overVoltage", LIMIT_V, "overVoltageDelay", 0.0,
                "recoveryDelay", 0.0));
        ProtectionEngine engine = new ProtectionEngine(settings, PowerOnState.ON, true);
        double[] latencies = new double[trips];
        Random random = new Random(7017);
        try (PtyHt7017Server server = PtyHt7017Server.start(chip)) {
            SerialHt7017Link link = SerialHt7017Link.open(server.path(), clock);
            Meter meter = new Meter(new Ht7017Chip(new Ht7017Driver(link, clock), profile, clock), clock);
            Controller controller = new Controller(clock, meter, engine, relay, e -> { }, new Controller.Hooks() {
            }, settings);
            Thread loop = Thread.ofPlatform().name("bench-control").unstarted(() -> {
                controller.start();
                while (!Thread.currentThread().isInterrupted()) {
                    controller.cycle();
                }
            });
            loop.setPriority(Thread.MAX_PRIORITY);
            loop.start();
            try {
                opens.poll(5, TimeUnit.SECONDS);
                for (int i = 0; i < trips; i++) {
                    await(closes, "the relay did not close");
                    Thread.sleep(20 + random.nextInt(60));
                    synchronized (chip) {
                        overSince[0] = Long.MIN_VALUE;
                        chip.setVoltageV(OVER_V);
                    }
                    long openNanos = await(opens, "the relay did not open on over-voltage");
                    long since;
                    synchronized (chip) {
                        since = overSince[0];
                        chip.setVoltageV(NORMAL_V);
                    }
                    if (since == Long.MIN_VALUE) {
                        throw new IllegalStateException("the relay opened before the chip showed the over-voltage");
                    }
                    latencies[i] = (openNanos - since) / 1e6;
                    if (progress != null) {
                        progress.accept(i + 1);
                    }
                }
            } finally {
                loop.interrupt();
                loop.join(2000);
                relay.close();
                link.close();
            }
        }
        return new Result(latencies);
    }

    private static long await(BlockingQueue<Long> queue, String failure) throws InterruptedException {
        Long t = queue.poll(10, TimeUnit.SECONDS);
        if (t == null) {
            throw new IllegalStateException(failure + " within 10 s");
        }
        return t;
    }
}
