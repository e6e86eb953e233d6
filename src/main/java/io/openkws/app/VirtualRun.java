package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.protect.Event;
import io.openkws.service.DeviceService;
import io.openkws.time.VirtualClock;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The device as {@code run} assembles it ({@link Device#assemble}: state directory, control loop, device service,
 * panel, TM1622 driver) on the simulated board of {@code config}, driven in virtual time on the calling thread:
 * control cycle after control cycle, with the panel pass a task every {@link Device#PANEL_PERIOD_NANOS} that runs
 * whenever the loop waits on the simulated wire, as the panel thread would.
 *
 * <p>Exists for the soak bench ({@code bench --soak}): days of service replayed in minutes, with everything that
 * could grow over a long run ({@link #growableSizes()}) open to inspection. Front-ends (MQTT, web, TuyaMCU) and the
 * energy history are not started; their memory is bounded on their own terms. Not thread-safe.
 */
public final class VirtualRun implements AutoCloseable {

    /** The local date of every virtual run (the day counters do not roll over in virtual time). */
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    private final VirtualClock clock = new VirtualClock();
    private final BoardParts parts;
    private final BoardParts.Simulation sim;
    private final Device device;

    /** A device for {@code config} (a simulated board; state in {@code config.stateDirectory()}) on 230 V, 2 A. */
    public VirtualRun(Config config, long seed) {
        BoardSpec board = BoardSpec.load(config.board());
        if (!board.simulated()) {
            throw new IllegalArgumentException("board " + board.name() + " is not simulated");
        }
        parts = BoardParts.simulated(board, clock, ChipSetup.load(board),
                board.simulation().orElseThrow().chipUpdatePeriodNanos(), seed);
        sim = parts.simulation().orElseThrow();
        sim.mains().setVoltageV(230.0);
        sim.mains().setCurrentA(2.0);
        sim.mains().setPowerFactor(0.95);
        sim.mains().setFrequencyHz(50.0);
        device = Device.assemble(config, clock, parts, () -> DAY);
        device.controller().start();
        clock.schedule(Device.PANEL_PERIOD_NANOS, new Runnable() {
            @Override
            public void run() {
                device.panelPass(clock.nanoTime());
                clock.schedule(Device.PANEL_PERIOD_NANOS, this);
            }
        });
    }

    public VirtualClock clock() {
        return clock;
    }

    /** The simulated chip's mains inputs ("true" voltage, current, power factor). */
    public SimMains mains() {
        return sim.mains();
    }

    /** The device service, as every front-end reaches the device. */
    public DeviceService service() {
        return device.service();
    }

    /** Events of the controller, delivered after each control cycle's device pass. */
    public void addEventListener(Consumer<Event> listener) {
        device.addEventListener(listener);
    }

    /** Runs the device for {@code nanos} of virtual time. */
    public void runFor(long nanos) {
        long end = clock.nanoTime() + nanos;
        while (clock.nanoTime() - end < 0) {
            device.step();
        }
    }

    /**
     * The size of everything the running device holds that could grow with time, by name: the loop's and the
     * device service's queues, subscribers and health entries, the virtual clock's pending timers, and the
     * simulated LCD's kept frames, command log and violations.
     */
    public Map<String, Integer> growableSizes() {
        Map<String, Integer> sizes = new TreeMap<>(device.service() instanceof DeviceCore core
                ? core.growableSizes() : Map.of());
        sizes.put("controller.queues", device.controller().queuedItems());
        sizes.put("clock.pendingTasks", clock.pendingTasks());
        SimTm1622 lcd = sim.lcd();
        sizes.put("simLcd.frames", lcd.frames().size());
        sizes.put("simLcd.commandLog", lcd.commandLog().size());
        sizes.put("simLcd.violations", lcd.violations().size());
        return sizes;
    }

    /** Protocol violations the simulated LCD saw on the driver's pins (all of them, kept or not). */
    public long lcdViolations() {
        return sim.lcd().violationCount();
    }

    /** Stops the device as SIGTERM would (LCD OFF, state saved, chip released). */
    @Override
    public void close() {
        device.close();
    }
}
