package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Profile;

/**
 * The board's metering chip with its data files loaded: the front-end (what the simulated chip sees per volt and
 * per amp) and the calibration profile, each in the chip's own format.
 *
 * <p>Exists so {@link BoardParts}, {@link Simulation} and {@link Device} pick the chip named by the board file's
 * {@code meter.chip} in one place, and a bad file fails once, up front.
 */
public sealed interface ChipSetup {

    /** The calibration profile's name, whatever the chip. */
    default String profileName() {
        return switch (this) {
            case Ht7017 h -> h.profile().name();
            case Bl0942 b -> b.profile().name();
            case Bl0937 b -> b.profile().name();
        };
    }

    /** The HT7017 (KWS-302WF). */
    record Ht7017(FrontEnd frontEnd, CalibrationProfile profile) implements ChipSetup {
    }

    /** The BL0942, on a UART at {@code baud} 8N1. */
    record Bl0942(Bl0942FrontEnd frontEnd, Bl0942Profile profile, int baud) implements ChipSetup {
    }

    /** The BL0937, on its CF, CF1 and SEL lines. */
    record Bl0937(Bl0937Sim.FrontEnd frontEnd, Bl0937Profile profile, BoardSpec.PulsePins pins) implements ChipSetup {
    }

    /**
     * This setup with the board's {@code simulation.chipNoise} on the HT7017 front-end, when the board sets one:
     * {@code run} and the benchmarks use it so the simulated chip's registers change at every update, as a real
     * chip's do (the HT7017 schedule learns the update instants from that); {@code simulate} does not, so its
     * scenarios keep exact numbers.
     */
    default ChipSetup withBoardNoise(BoardSpec board) {
        return this instanceof Ht7017 h ? new Ht7017(simulatedFrontEnd(board, h.frontEnd()), h.profile()) : this;
    }

    /** {@code frontEnd} with the board's {@code simulation.chipNoise} in place of its own, when the board sets one. */
    static FrontEnd simulatedFrontEnd(BoardSpec board, FrontEnd frontEnd) {
        var noise = board.simulation().map(BoardSpec.Simulation::chipNoise).orElse(java.util.OptionalDouble.empty());
        return noise.isPresent() ? frontEnd.withNoise(noise.getAsDouble()) : frontEnd;
    }

    /** Loads the front-end and calibration files the board names, in the format of the board's chip. */
    static ChipSetup load(BoardSpec board) {
        return switch (board.meter().chip()) {
            case HT7017 -> new Ht7017(FrontEnd.load(board.frontEndFile()), CalibrationProfile.load(board.calibrationFile()));
            case BL0942 -> new Bl0942(Bl0942FrontEnd.load(board.frontEndFile()), Bl0942Profile.load(board.calibrationFile()),
                    board.meter().baud());
            case BL0937 -> new Bl0937(Bl0937Sim.FrontEnd.load(board.frontEndFile()),
                    Bl0937Profile.load(board.calibrationFile()), board.meter().pulsePins());
        };
    }
}
