package io.openkws.bench;

import io.openkws.app.BoardParts;
import io.openkws.app.Controller;
import io.openkws.board.BoardSpec;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Meter;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.ProtectionSettings;
import io.openkws.time.VirtualClock;
import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by one {@link Controller#cycle()} in steady state: the real controller, meter, driver and
 * protection engine on the simulated board in virtual time (relay closed, load on, healthy mains).
 *
 * <p>Exists because the loop runs about 36 times a second (a poll cycle is two register reads, 27.5 ms) for years
 * on a small board: garbage there means GC pauses
 * in the path from a reading to the relay. Measured with {@code com.sun.management.ThreadMXBean}'s per-thread
 * allocation counter on the loop thread (this thread), after a warm-up long enough for the JIT to settle.
 */
public final class LoopAllocationBench {

    /** The result: bytes per cycle and how many cycles were measured. */
    public record Result(double bytesPerCycle, long cycles) {
    }

    private LoopAllocationBench() {
    }

    /** Runs {@code warmupCycles} then measures {@code cycles} cycles on the board {@code board} (its sim data). */
    public static Result run(BoardSpec board, CalibrationProfile profile, FrontEnd frontEnd, int warmupCycles,
                             int cycles) {
        VirtualClock clock = new VirtualClock();
        BoardParts parts = BoardParts.simulated(board, clock, frontEnd, 100_000_000L, 10);
        BoardParts.Simulation sim = parts.simulation().orElseThrow();
        sim.chip().setVoltageV(230);
        sim.chip().setCurrentA(2);
        sim.chip().setPowerFactor(0.95);
        sim.chip().setFrequencyHz(50);
        ProtectionSettings settings = ProtectionSettings.DEFAULTS;
        ProtectionEngine engine = new ProtectionEngine(settings, PowerOnState.ON, true);
        Meter meter = new Meter(parts.meterChip(profile, clock), clock);
        Controller controller = new Controller(clock, meter, engine, parts.relay(), e -> { }, new Controller.Hooks() {
        }, settings);
        controller.start();
        for (int i = 0; i < warmupCycles; i++) {
            controller.cycle();
        }
        if (!controller.status().relayClosed()) {
            throw new IllegalStateException("the relay did not close during the warm-up: not a steady state");
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < cycles; i++) {
            controller.cycle();
        }
        long after = threads.getThreadAllocatedBytes(id);
        parts.close();
        return new Result((double) (after - before) / cycles, cycles);
    }
}
