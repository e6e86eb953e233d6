package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.board.BoardSpec;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.meter.Meter;
import io.openkws.meter.Reading;
import io.openkws.meter.Trim;
import io.openkws.time.VirtualClock;
import org.junit.jupiter.api.Test;

/**
 * A calibrated BL0942 or BL0937 profile changes what the assembled simulated board reads: the same board parts and
 * meter chip {@code run} and {@code simulate} build ({@link ChipSetup}, {@link BoardParts}), once with the
 * datasheet profile and once with a trim that cancels the simulator's injected gain errors and current offset.
 */
class CalibratedBlBoardsTest {

    private final VirtualClock clock = new VirtualClock();

    private Reading read(BoardSpec spec, ChipSetup chip, java.util.function.Consumer<SimMains> errors) {
        try (BoardParts parts = BoardParts.simulated(spec, clock, chip, 400_000_000L, 1)) {
            SimMains mains = parts.simulation().orElseThrow().mains();
            errors.accept(mains);
            mains.setVoltageV(230);
            mains.setCurrentA(2);
            mains.setPowerFactor(1);
            mains.setFrequencyHz(50);
            Meter meter = new Meter(parts.meterChip(chip, clock), clock);
            meter.start();
            long until = clock.nanoTime() + 2_000_000_000L;
            Reading r = meter.poll();
            while (clock.nanoTime() - until < 0) {
                clock.sleepNanos(50_000_000L);
                r = meter.poll();
            }
            return r;
        }
    }

    @Test
    void a_trimmed_bl0942_profile_cancels_the_front_ends_gain_errors_and_offset() {
        BoardSpec spec = BoardSpec.load("sim-bl0942");
        ChipSetup.Bl0942 datasheet = (ChipSetup.Bl0942) ChipSetup.load(spec);
        ChipSetup.Bl0942 skewed = new ChipSetup.Bl0942(datasheet.frontEnd().withErrors(0.02, -0.03, 0)
                .withOffsets(3000, OffsetModel.FIXED, 0), datasheet.profile(), datasheet.baud());
        Reading before = read(spec, skewed, m -> { });
        Trim trim = new Trim(1.02, 0, 0.97, 3000, 0, 1.02 * 0.97, 0);
        ChipSetup.Bl0942 calibrated = new ChipSetup.Bl0942(skewed.frontEnd(), datasheet.profile().withTrim("t", "", trim),
                datasheet.baud());
        Reading after = read(spec, calibrated, m -> { });
        assertTrue(Math.abs(before.currentA() / 2 - 1) > 0.02, () -> "datasheet profile: " + before.currentA() + " A");
        assertEquals(2, after.currentA(), 2 * 0.001, "trimmed current");
        assertEquals(230, after.voltageV(), 230 * 0.001, "trimmed voltage");
        assertEquals(460, after.powerW(), 460 * 0.001, "trimmed power");
    }

    @Test
    void a_trimmed_bl0937_profile_cancels_the_chips_gain_errors_and_offset() {
        BoardSpec spec = BoardSpec.load("sim-bl0937");
        ChipSetup.Bl0937 datasheet = (ChipSetup.Bl0937) ChipSetup.load(spec);
        java.util.function.Consumer<SimMains> errors = m -> ((Bl0937Sim) m)
                .setErrors(new Bl0937Sim.Errors(0.02, -0.03, 0.015, 8, OffsetModel.FIXED, 0));
        Reading before = read(spec, datasheet, errors);
        Trim trim = new Trim(1.02, 0, 0.97, 8, 0, 1.015, 0);
        ChipSetup.Bl0937 calibrated = new ChipSetup.Bl0937(datasheet.frontEnd(), datasheet.profile().withTrim("t", "", trim),
                datasheet.pins());
        Reading after = read(spec, calibrated, errors);
        assertTrue(Math.abs(before.currentA() / 2 - 1) > 0.02, () -> "datasheet profile: " + before.currentA() + " A");
        assertEquals(2, after.currentA(), 2 * 0.001, "trimmed current");
        assertEquals(230, after.voltageV(), 230 * 0.001, "trimmed voltage");
        assertEquals(460, after.powerW(), 460 * 0.001, "trimmed power");
    }
}
