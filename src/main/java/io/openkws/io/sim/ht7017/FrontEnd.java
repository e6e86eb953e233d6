package io.openkws.io.sim.ht7017;

import io.openkws.conf.ConfNode;
import java.nio.file.Path;

/**
 * The analog front-end of a simulated HT7017: how many register counts a volt, an amp and a watt produce, the
 * current channel's zero-current floor, and deliberate errors for calibration tests.
 *
 * <p>Exists so the simulated chip's answers come from board data ({@code hardware/<board>/frontend.yaml}), not
 * from constants in code, and so a calibration tool can be tested against a front-end whose errors it must find.
 *
 * @param name               profile name, for messages
 * @param voltageScale       Rms_U counts per volt (kU)
 * @param currentScale       Rms_I1 counts per amp at {@code pgaI1} (kI)
 * @param currentOffset      raw current RMS counts at zero current (offI)
 * @param powerScale         PowerP1 counts per watt (kP, signed: the KWS boards read forward power negative)
 * @param pgaI1              I1 PGA gain (1, 4, 8, 16 or 24) at which {@code currentScale} was measured
 * @param voltageError       relative gain error eU
 * @param currentError       relative gain error eI
 * @param powerError         relative gain error eP
 * @param phaseErrorRad      phase error θ in radians
 * @param noise              relative standard deviation of seeded noise on V and I (0 = off)
 */
public record FrontEnd(String name, double voltageScale, double currentScale, double currentOffset, double powerScale,
        int pgaI1, double voltageError, double currentError, double powerError, double phaseErrorRad, double noise) {

    public FrontEnd {
        if (pgaI1 != 1 && pgaI1 != 4 && pgaI1 != 8 && pgaI1 != 16 && pgaI1 != 24) {
            throw new IllegalArgumentException("pgaI1 must be 1, 4, 8, 16 or 24");
        }
    }

    /** Same front-end with other gain and phase errors. */
    public FrontEnd withErrors(double voltageError, double currentError, double powerError, double phaseErrorRad) {
        return new FrontEnd(name, voltageScale, currentScale, currentOffset, powerScale, pgaI1, voltageError,
                currentError, powerError, phaseErrorRad, noise);
    }

    /** Same front-end with seeded noise of relative standard deviation {@code noise}. */
    public FrontEnd withNoise(double noise) {
        return new FrontEnd(name, voltageScale, currentScale, currentOffset, powerScale, pgaI1, voltageError,
                currentError, powerError, phaseErrorRad, noise);
    }

    /** Loads a front-end file ({@code hardware/<board>/frontend.yaml}). */
    public static FrontEnd load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a front-end from a parsed YAML document. */
    public static FrontEnd from(ConfNode root) {
        root.allowOnly("name", "note", "scales", "pgaI1", "errors", "noise");
        ConfNode scales = root.section("scales").allowOnly("voltage", "current", "currentOffset", "power");
        ConfNode errors = root.section("errors").allowOnly("voltage", "current", "power", "phaseDegrees");
        double power = scales.requireNumber("power", -1e9, 1e9);
        if (power == 0) {
            throw scales.child("power").error("must not be 0");
        }
        return new FrontEnd(root.string("name", "front-end"),
                scales.requireNumber("voltage", 1e-6, 1e9),
                scales.requireNumber("current", 1e-6, 1e9),
                scales.number("currentOffset", 0, 0, 1 << 24),
                power,
                (int) (root.has("pgaI1") ? checkPga(root.child("pgaI1")) : 1),
                errors.number("voltage", 0, -0.5, 0.5),
                errors.number("current", 0, -0.5, 0.5),
                errors.number("power", 0, -0.5, 0.5),
                Math.toRadians(errors.number("phaseDegrees", 0, -10, 10)),
                root.number("noise", 0, 0, 0.1));
    }

    private static long checkPga(ConfNode node) {
        long v = node.asLong(1, 24);
        if (v != 1 && v != 4 && v != 8 && v != 16 && v != 24) {
            throw node.error(v + " is not a PGA gain (1, 4, 8, 16 or 24)");
        }
        return v;
    }
}
