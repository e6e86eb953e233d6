package io.openkws.bench;

import io.openkws.app.Controller;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.driver.relay.RelayListener;
import io.openkws.driver.relay.RelayTiming;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.board.SimLatchingRelay;
import io.openkws.meter.Meter;
import io.openkws.meter.bl0937.Bl0937Chip;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.time.VirtualClock;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Latency from over-voltage at a BL0937 to the relay's OFF pulse, in virtual time, through the real path: the
 * pulse-train simulator, the edge pins, the driver's SEL schedule, the meter, the {@link Controller} and
 * {@link ProtectionEngine} (OVP with trip delay 0) and the {@link LatchingRelay} on simulated coils.
 *
 * <p>Exists to say by how much a pulse-output chip is slower than the UART chip ({@link TripLatencyBench}): the
 * BL0937 shows voltage on CF1 only while SEL selects it, and a frequency needs a window of edges. Virtual time
 * (pulses cannot cross a pseudo-terminal) makes the figure the schedule's own, with no machine noise: the clock
 * starts when the chip's voltage changes and stops at the start of the OFF coil pulse. Over-voltage instants are
 * spread pseudo-randomly over the SEL cycle; between trips the mains returns to 230 V and the relay re-closes.
 */
public final class Bl0937TripLatencyBench {

    private static final double NORMAL_V = 230;
    private static final double OVER_V = 262;
    private static final double LIMIT_V = 250;
    private static final RelayTiming RIG_TIMING = new RelayTiming(10_000_000L, 20_000_000L);
    private static final long MS = 1_000_000L;

    private Bl0937TripLatencyBench() {
    }

    /** Runs {@code trips} over-voltage trips with the load drawing {@code loadA} while the relay is closed. */
    public static TripLatencyBench.Result run(double loadA, int trips) {
        VirtualClock clock = new VirtualClock();
        Bl0937Sim chip = new Bl0937Sim(clock, Bl0937Sim.FrontEnd.REFERENCE, true, Bl0937Sim.DEFAULT_SETTLE_NANOS);
        SimLatchingRelay contacts = new SimLatchingRelay(clock, RIG_TIMING.pulseNanos() / 2, false);
        chip.setLoadConnected(contacts::isClosed);
        chip.setVoltageV(NORMAL_V);
        chip.setCurrentA(loadA);
        LatchingRelay relay = new LatchingRelay(contacts.onCoil(), contacts.offCoil(), RIG_TIMING, clock);
        double[] latencies = new double[trips];
        int[] done = {0};
        long[] overSince = {-1};
        SplittableRandom random = new SplittableRandom(937);
        relay.addListener(new RelayListener() {
            @Override
            public void onPulseStart(boolean closing, long nanos) {
                if (!closing && overSince[0] >= 0 && done[0] < trips) {
                    latencies[done[0]++] = (nanos - overSince[0]) / 1e6;
                    overSince[0] = -1;
                    chip.setVoltageV(NORMAL_V);
                }
            }

            @Override
            public void onPulseEnd(boolean closing, long nanos) {
                if (closing) {
                    clock.schedule((300 + random.nextLong(1_000)) * MS + random.nextLong(MS), () -> {
                        overSince[0] = clock.nanoTime();
                        chip.setVoltageV(OVER_V);
                    });
                }
            }
        });
        ProtectionSettings settings = ProtectionSettings.of(Map.of("overVoltage", LIMIT_V, "overVoltageDelay", 0.0,
                "recoveryDelay", 0.0));
        ProtectionEngine engine = new ProtectionEngine(settings, PowerOnState.ON, true);
        Meter meter = new Meter(new Bl0937Chip(new Bl0937Driver(chip.cf(), chip.cf1(), chip.sel(), true,
                Bl0937Schedule.DEFAULT, clock), Bl0937Profile.reference()), clock);
        Controller controller = new Controller(clock, meter, engine, relay, e -> { }, new Controller.Hooks() {
        }, settings);
        controller.start();
        long limit = clock.nanoTime() + trips * 5_000 * MS;
        while (done[0] < trips) {
            if (clock.nanoTime() - limit > 0) {
                throw new IllegalStateException("the relay did not open on over-voltage (" + done[0] + " trips)");
            }
            controller.cycle();
        }
        relay.close();
        return new TripLatencyBench.Result(latencies);
    }
}
