package io.openkws.io.sim.bl0942;

import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.yaml.ConfNode;
import java.nio.file.Path;

/**
 * The analog front-end of a simulated BL0942: what reaches its pins per volt and per amp. The current signal at
 * IP/IN in millivolts per amp comes from the shunt (resistance × 1000); the voltage signal at VP in millivolts per
 * volt comes from the resistor divider (lower / (upper + lower) × 1000). Deliberate gain errors, a current noise
 * offset (a fixed count added to I_RMS whatever GAIN_CR says, or noise adding in quadrature: the two models of the
 * HT7017 simulator), a WATT offset and noise let calibration tests find and cancel them.
 *
 * <p>Exists so the simulated chip's answers come from board data ({@code hardware/<board>/frontends/<name>.yaml}),
 * not from constants in code.
 *
 * @param name              profile name, for messages
 * @param millivoltsPerAmp  current signal at IP/IN
 * @param millivoltsPerVolt voltage signal at VP
 * @param currentOffset     I_RMS counts at zero current, the same at every GAIN_CR; combined as {@code offsetModel}
 * @param voltageError      relative gain error of the voltage channel
 * @param currentError      relative gain error of the current channel
 * @param powerError        relative gain error of active power
 * @param noise             relative standard deviation of seeded noise on V and I (0 = off)
 * @param offsetModel       how {@code currentOffset} combines with the signal's counts
 * @param powerOffset       WATT counts added at any load (signed)
 */
public record Bl0942FrontEnd(String name, double millivoltsPerAmp, double millivoltsPerVolt, double currentOffset,
        double voltageError, double currentError, double powerError, double noise, OffsetModel offsetModel,
        double powerOffset) {

    public Bl0942FrontEnd {
        if (!(millivoltsPerAmp > 0) || !(millivoltsPerVolt > 0)) {
            throw new IllegalArgumentException("front-end signals per amp and per volt must be positive");
        }
        if (offsetModel == null) {
            throw new IllegalArgumentException("offset model missing");
        }
    }

    /** A front-end whose current offset adds in quadrature (noise floor) and with no WATT offset. */
    public Bl0942FrontEnd(String name, double millivoltsPerAmp, double millivoltsPerVolt, double currentOffset,
            double voltageError, double currentError, double powerError, double noise) {
        this(name, millivoltsPerAmp, millivoltsPerVolt, currentOffset, voltageError, currentError, powerError, noise,
                OffsetModel.QUADRATURE, 0);
    }

    /** Same front-end with a current offset of {@code counts} combined by {@code model}, and a WATT offset. */
    public Bl0942FrontEnd withOffsets(double counts, OffsetModel model, double powerOffsetCounts) {
        return new Bl0942FrontEnd(name, millivoltsPerAmp, millivoltsPerVolt, counts, voltageError, currentError,
                powerError, noise, model, powerOffsetCounts);
    }

    /** Same front-end with seeded noise of relative standard deviation {@code noise}. */
    public Bl0942FrontEnd withNoise(double noise) {
        return new Bl0942FrontEnd(name, millivoltsPerAmp, millivoltsPerVolt, currentOffset, voltageError, currentError,
                powerError, noise, offsetModel, powerOffset);
    }

    /** The datasheet's reference design: 1 mΩ shunt, 5 × 390 kΩ over 510 Ω divider, no errors. */
    public static Bl0942FrontEnd referenceDesign() {
        return new Bl0942FrontEnd("bl0942-reference", 1.0, 1000.0 * 510 / (5 * 390_000 + 510), 0, 0, 0, 0, 0);
    }

    /** Same front-end with other gain errors. */
    public Bl0942FrontEnd withErrors(double voltageError, double currentError, double powerError) {
        return new Bl0942FrontEnd(name, millivoltsPerAmp, millivoltsPerVolt, currentOffset, voltageError,
                currentError, powerError, noise, offsetModel, powerOffset);
    }

    /** Loads a front-end file. */
    public static Bl0942FrontEnd load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a front-end from a parsed YAML document: {@code sensor}, {@code voltageDivider}, {@code simulation}. */
    public static Bl0942FrontEnd from(ConfNode root) {
        root.allowOnly("name", "note", "sensor", "voltageDivider", "simulation");
        ConfNode sensor = root.child("sensor").allowOnly("type", "resistance");
        sensor.child("type").asChoice("shunt");
        double mvPerA = sensor.requireNumber("resistance", 1e-6, 1.0) * 1000;
        ConfNode divider = root.child("voltageDivider").allowOnly("upper", "lower");
        double upper = divider.requireNumber("upper", 1, 1e9);
        double lower = divider.requireNumber("lower", 1, 1e9);
        ConfNode sim = root.section("simulation").allowOnly("currentOffset", "offsetModel", "powerOffset", "errors", "noise");
        ConfNode errors = sim.section("errors").allowOnly("voltage", "current", "power");
        return new Bl0942FrontEnd(root.string("name", "front-end"), mvPerA, 1000 * lower / (upper + lower),
                sim.number("currentOffset", 0, 0, 1 << 20),
                errors.number("voltage", 0, -0.5, 0.5),
                errors.number("current", 0, -0.5, 0.5),
                errors.number("power", 0, -0.5, 0.5),
                sim.number("noise", 0, 0, 0.1),
                sim.has("offsetModel")
                        ? OffsetModel.valueOf(sim.child("offsetModel").asChoice("fixed", "quadrature").toUpperCase(java.util.Locale.ROOT))
                        : OffsetModel.QUADRATURE,
                sim.number("powerOffset", 0, -(1 << 20), 1 << 20));
    }
}
