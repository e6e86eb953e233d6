package io.openkws.io.sim.ht7017;

import io.openkws.yaml.ConfNode;
import java.nio.file.Path;

/**
 * The analog front-end of a simulated HT7017: the physical model behind its measurement registers. The current
 * signal at the I1 input (millivolts per amp) comes from the sensor (a shunt's resistance, or a current
 * transformer's burden divided by its ratio); the chip turns millivolts into counts, times the I1 PGA gain read
 * from its own ADCCON register. Deliberate gain, phase and noise errors let calibration tests check that they are
 * found and cancelled.
 *
 * <p>Exists so the simulated chip's answers come from board data ({@code hardware/<board>/frontends/<name>.yaml},
 * the same file the calibration tool reads its analog registers from), not from constants in code.
 *
 * @param name               profile name, for messages
 * @param voltageScale       Rms_U counts per volt (kU)
 * @param currentScale       Rms_I1 counts per amp at I1 PGA x1 (sensor millivolts per amp x counts per millivolt)
 * @param currentOffset      raw current RMS counts at zero current, the same at every PGA setting; how it combines
 *                           with the signal is {@code offsetModel}
 * @param powerScale         PowerP1 counts per watt at I1 PGA x1 (signed: the KWS boards read forward power negative)
 * @param voltageError       relative gain error eU
 * @param currentError       relative gain error eI
 * @param powerError         relative gain error eP
 * @param phaseErrorRad      phase error θ in radians (the current channel's lead; a CT has more than a shunt)
 * @param noise              relative standard deviation of seeded noise on V and I (0 = off)
 * @param offsetModel        how {@code currentOffset} combines with the signal's counts
 */
public record FrontEnd(String name, double voltageScale, double currentScale, double currentOffset, double powerScale,
        double voltageError, double currentError, double powerError, double phaseErrorRad, double noise,
        OffsetModel offsetModel) {

    /**
     * How the current channel's zero-current reading combines with the signal. The two bracket what a real
     * front-end does, so a calibration that holds in both does not depend on guessing which one the hardware is.
     */
    public enum OffsetModel {
        /** Counts added to the RMS result: Rms_I1 = signal + offset (a fixed offset in the RMS path; the model of the published front-end files). */
        FIXED,
        /** Uncorrelated noise: Rms_I1 = √(signal² + offset²), the RMS of signal and noise. */
        QUADRATURE;

        /** The raw RMS counts for {@code signalCounts} with {@code offsetCounts} combined this way. */
        public double combine(double signalCounts, double offsetCounts) {
            return switch (this) {
                case FIXED -> signalCounts + offsetCounts;
                case QUADRATURE -> Math.hypot(signalCounts, offsetCounts);
            };
        }
    }

    public FrontEnd {
        if (!(voltageScale > 0) || !(currentScale > 0) || powerScale == 0 || Double.isNaN(powerScale)) {
            throw new IllegalArgumentException("front-end scales must be nonzero (voltage and current positive)");
        }
        if (offsetModel == null) {
            throw new IllegalArgumentException("offset model missing");
        }
    }

    /** A front-end whose current offset is {@link OffsetModel#FIXED} (the published files' model). */
    public FrontEnd(String name, double voltageScale, double currentScale, double currentOffset, double powerScale,
            double voltageError, double currentError, double powerError, double phaseErrorRad, double noise) {
        this(name, voltageScale, currentScale, currentOffset, powerScale, voltageError, currentError, powerError,
                phaseErrorRad, noise, OffsetModel.FIXED);
    }

    /** Same front-end with a current offset of {@code counts} at every PGA, combined by {@code model}. */
    public FrontEnd withCurrentOffset(double counts, OffsetModel model) {
        return new FrontEnd(name, voltageScale, currentScale, counts, powerScale, voltageError, currentError,
                powerError, phaseErrorRad, noise, model);
    }

    /** Same front-end with other gain and phase errors. */
    public FrontEnd withErrors(double voltageError, double currentError, double powerError, double phaseErrorRad) {
        return new FrontEnd(name, voltageScale, currentScale, currentOffset, powerScale, voltageError,
                currentError, powerError, phaseErrorRad, noise, offsetModel);
    }

    /** Same front-end with seeded noise of relative standard deviation {@code noise}. */
    public FrontEnd withNoise(double noise) {
        return new FrontEnd(name, voltageScale, currentScale, currentOffset, powerScale, voltageError,
                currentError, powerError, phaseErrorRad, noise, offsetModel);
    }

    /** Loads a front-end file ({@code hardware/<board>/frontends/<name>.yaml}). */
    public static FrontEnd load(Path file) {
        return from(ConfNode.load(file));
    }

    /**
     * Reads a front-end from a parsed YAML document: {@code sensor} (shunt resistance, or CT ratio and burden)
     * and the {@code simulation} section; {@code registers} belong to the calibration tool and are not read here.
     */
    public static FrontEnd from(ConfNode root) {
        root.allowOnly("name", "note", "sensor", "registers", "simulation");
        double millivoltsPerAmp = millivoltsPerAmp(root.child("sensor"));
        ConfNode sim = root.child("simulation")
                .allowOnly("voltage", "currentPerMillivolt", "powerPerVoltMillivolt", "currentOffset", "offsetModel",
                        "errors", "noise");
        ConfNode errors = sim.section("errors").allowOnly("voltage", "current", "power", "phaseDegrees");
        double power = sim.requireNumber("powerPerVoltMillivolt", -1e9, 1e9);
        if (power == 0) {
            throw sim.child("powerPerVoltMillivolt").error("must not be 0");
        }
        return new FrontEnd(root.string("name", "front-end"),
                sim.requireNumber("voltage", 1e-6, 1e9),
                sim.requireNumber("currentPerMillivolt", 1e-6, 1e9) * millivoltsPerAmp,
                sim.number("currentOffset", 0, 0, 1 << 24),
                power * millivoltsPerAmp,
                errors.number("voltage", 0, -0.5, 0.5),
                errors.number("current", 0, -0.5, 0.5),
                errors.number("power", 0, -0.5, 0.5),
                Math.toRadians(errors.number("phaseDegrees", 0, -10, 10)),
                sim.number("noise", 0, 0, 0.1),
                sim.has("offsetModel")
                        ? OffsetModel.valueOf(sim.child("offsetModel").asChoice("fixed", "quadrature").toUpperCase(java.util.Locale.ROOT))
                        : OffsetModel.FIXED);
    }

    /** The sensor's signal at the I1 input in millivolts per amp: shunt R x 1000, or burden / ratio x 1000. */
    static double millivoltsPerAmp(ConfNode sensor) {
        String type = sensor.child("type").asChoice("shunt", "ct");
        if (type.equals("shunt")) {
            sensor.allowOnly("type", "resistance");
            return sensor.requireNumber("resistance", 1e-6, 1.0) * 1000;
        }
        sensor.allowOnly("type", "ratio", "burden");
        return sensor.requireNumber("burden", 0.1, 1000) / sensor.requireNumber("ratio", 1, 1e5) * 1000;
    }
}
