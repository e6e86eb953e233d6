package io.openkws.meter.bl0937;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.bl0937.Bl0937Scales;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.TrimmedProfile;
import java.nio.file.Path;

/**
 * How one BL0937 board's pulse frequencies become volts, amps and watts: a calibration profile file
 * ({@code hardware/<board>/calibration.yaml}, or the user's own).
 *
 * <p>Exists so BL0937 scales are data, like the HT7017's register scales. A profile gives either measured scales
 * (volts, amps, watts per hertz) or the board's front end, from which the datasheet's transfer functions derive
 * them (see {@link Bl0937Scales}):
 * <pre>
 * name: bl0937-reference
 * note: "..."
 * referenceDesign: { vref: 1.218, shunt: 0.001, divider: 2351 }
 * scales: { voltage: 0.185979, current: 0.0128701, power: 2.02600 }     # optional; wins over referenceDesign
 * trim: { currentGain: 0.98, currentOffset: 1.9, powerGain: 1.01 }      # optional; written by openkws calibrate
 * </pre>
 * The {@code trim} ({@link Trim}) is a calibration's software gain per channel on top of the CF / CF1 scales, in
 * hertz per unit ({@code 1 / scale}), and its offsets in hertz: {@code I = (√(f² − currentQuadrature) −
 * currentOffset) / (currentGain / current)}. The BL0937 gives no power sign, so power never reads below 0.
 *
 * @param trim the calibration's software gains and offsets ({@link Trim#NONE} for the datasheet figures)
 */
public record Bl0937Profile(String name, String note, Bl0937Scales scales, Trim trim)
        implements TrimmedProfile<Bl0937Profile> {

    /** A profile of datasheet figures without trim. */
    public Bl0937Profile(String name, String note, Bl0937Scales scales) {
        this(name, note, scales, Trim.NONE);
    }

    public Bl0937Profile {
        if (trim == null) {
            throw new IllegalArgumentException("trim missing (Trim.NONE for none)");
        }
    }

    /** Loads and validates a profile file; errors name the file, line and key. */
    public static Bl0937Profile load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a profile from a parsed YAML document. */
    public static Bl0937Profile from(ConfNode root) {
        root.allowOnly("name", "note", "referenceDesign", "scales", "trim");
        Bl0937Scales scales;
        if (root.has("scales")) {
            ConfNode s = root.section("scales").allowOnly("voltage", "current", "power");
            scales = new Bl0937Scales(s.requireNumber("voltage", 1e-9, 1e9), s.requireNumber("current", 1e-9, 1e9),
                    s.requireNumber("power", 1e-9, 1e9));
        } else if (root.has("referenceDesign")) {
            ConfNode r = root.section("referenceDesign").allowOnly("vref", "shunt", "divider");
            scales = Bl0937Scales.referenceDesign(r.number("vref", Bl0937Scales.VREF_V, 0.1, 10),
                    r.requireNumber("shunt", 1e-6, 10), r.requireNumber("divider", 1, 1e7));
        } else {
            throw root.error("a BL0937 profile needs scales or referenceDesign");
        }
        return new Bl0937Profile(root.string("name", "unnamed"), root.string("note", ""), scales, Trim.from(root));
    }

    /** The datasheet scales as hertz per volt, per amp and per watt, no offsets. */
    @Override
    public ChannelScales nominalScales() {
        return ChannelScales.nominal(1 / scales.voltsPerHz(), 1 / scales.ampsPerHz(), 1 / scales.wattsPerHz());
    }

    /** The scales readings go through: the datasheet's times the trim, with its offsets. */
    @Override
    public ChannelScales effectiveScales() {
        return trim.applyTo(nominalScales());
    }

    /** The same profile with another name, note and trim (a calibration's result). */
    @Override
    public Bl0937Profile withTrim(String name, String note, Trim trim) {
        return new Bl0937Profile(name, note, scales, trim);
    }

    public double voltageV(double hz) {
        return trim.voltageV(hz, 1 / scales.voltsPerHz());
    }

    public double currentA(double hz) {
        return trim.currentA(hz, 1 / scales.ampsPerHz());
    }

    /** Watts, never below 0 (CF pulses at |P|). */
    public double powerW(double hz) {
        return Math.max(0, trim.powerW(hz, 1 / scales.wattsPerHz()));
    }

    /** CF pulses per kWh with the trim's power gain (each pulse is wattsPerHz / powerGain joules). */
    public double pulsesPerKWh() {
        return trim.powerGain() / scales.kWhPerPulse();
    }

    /** The datasheet reference design with ESPHome's default shunt and divider. */
    public static Bl0937Profile reference() {
        return new Bl0937Profile("bl0937-reference", "datasheet reference design", Bl0937Scales.referenceDesign());
    }
}
