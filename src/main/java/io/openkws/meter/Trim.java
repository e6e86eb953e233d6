package io.openkws.meter;

import io.openkws.yaml.ConfNode;
import java.util.Locale;

/**
 * A calibration's software gain and offset per channel on top of a chip's datasheet scales (BL0942 counts per
 * unit, BL0937 hertz per unit): the effective scale of a channel is {@code datasheet × gain}, its offsets are in
 * the chip's raw units. In a profile file, an optional section:
 * <pre>
 * trim: { voltageGain: 1.02, currentGain: 0.97, currentOffset: 1250, currentQuadrature: 0, powerGain: 1.01, powerOffset: 40 }
 * </pre>
 * (every key optional: gains default to 1, offsets to 0). The power gain also applies to the chip's energy counter
 * (CF pulses follow the power), its offset does not (a pulse counter cannot subtract).
 *
 * <p>Exists so a calibrated BL0942 or BL0937 profile keeps the datasheet's figures readable next to what the
 * bench found, and so one shape ({@link ChannelScales}) carries every chip's calibration.
 */
public record Trim(double voltageGain, double voltageOffset, double currentGain, double currentOffset,
        double currentQuadrature, double powerGain, double powerOffset) {

    /** No correction: the datasheet scales as they are. */
    public static final Trim NONE = new Trim(1, 0, 1, 0, 0, 1, 0);

    public Trim {
        if (!(voltageGain > 0) || !(currentGain > 0) || !(powerGain > 0) || !Double.isFinite(voltageGain + currentGain
                + powerGain + voltageOffset + currentOffset + currentQuadrature + powerOffset)) {
            throw new IllegalArgumentException("trim gains must be positive and every value finite");
        }
    }

    /** Reads the optional {@code trim} section of a profile (absent: {@link #NONE}). */
    public static Trim from(ConfNode root) {
        if (!root.has("trim")) {
            return NONE;
        }
        ConfNode t = root.section("trim").allowOnly("voltageGain", "voltageOffset", "currentGain", "currentOffset",
                "currentQuadrature", "powerGain", "powerOffset");
        return new Trim(t.number("voltageGain", 1, 0.5, 2), t.number("voltageOffset", 0, -1e9, 1e9),
                t.number("currentGain", 1, 0.5, 2), t.number("currentOffset", 0, -1e9, 1e9),
                t.number("currentQuadrature", 0, -1e18, 1e18), t.number("powerGain", 1, 0.5, 2),
                t.number("powerOffset", 0, -1e9, 1e9));
    }

    /** The trim that turns the datasheet scales {@code nominal} into {@code effective}. */
    public static Trim between(ChannelScales nominal, ChannelScales effective) {
        return new Trim(effective.voltageScale() / nominal.voltageScale(), effective.voltageOffset(),
                effective.currentScale() / nominal.currentScale(), effective.currentOffset(), effective.currentQuadrature(),
                effective.powerScale() / nominal.powerScale(), effective.powerOffset());
    }

    /** The effective scales: the datasheet's {@code nominal} gains times these, with these offsets. */
    public ChannelScales applyTo(ChannelScales nominal) {
        return new ChannelScales(nominal.voltageScale() * voltageGain, voltageOffset, nominal.currentScale() * currentGain,
                currentOffset, currentQuadrature, nominal.powerScale() * powerGain, powerOffset);
    }

    /** Volts (never below 0: a lost mains reads 0 V) from a raw voltage, the datasheet giving {@code perVolt} raw units per volt. */
    public double voltageV(double raw, double perVolt) {
        return Math.max(0, (raw - voltageOffset) / (perVolt * voltageGain));
    }

    /** Amps (never below 0) from a raw current, the datasheet giving {@code perAmp} raw units per amp. */
    public double currentA(double raw, double perAmp) {
        return Math.max(0, (Math.sqrt(Math.max(0, raw * raw - currentQuadrature)) - currentOffset) / (perAmp * currentGain));
    }

    /** Watts from a raw power, the datasheet giving {@code perWatt} raw units per watt. */
    public double powerW(double raw, double perWatt) {
        return (raw - powerOffset) / (perWatt * powerGain);
    }

    /** The {@code trim:} section as YAML lines (empty for {@link #NONE}), offsets commented in {@code rawUnit}. */
    public String yaml(String rawUnit) {
        if (equals(NONE)) {
            return "";
        }
        return "trim:                      # software gain x the datasheet scale, offsets in the chip's raw units\n"
                + line("voltageGain", voltageGain, "")
                + line("voltageOffset", voltageOffset, rawUnit + " at 0 V")
                + line("currentGain", currentGain, "")
                + line("currentOffset", currentOffset, rawUnit + " at zero current that add to the signal")
                + line("currentQuadrature", currentQuadrature, rawUnit + " squared at zero current that add in quadrature")
                + line("powerGain", powerGain, "also applies to the energy counter")
                + line("powerOffset", powerOffset, rawUnit + " at no load");
    }

    private static String line(String key, double v, String comment) {
        return "  " + key + ": " + num(v) + (comment.isEmpty() ? "" : "  # " + comment) + "\n";
    }

    /** A number as the shortest decimal that reads back as the same double, plain notation (a file round-trips exactly). */
    public static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "V x%.5f %+.1f, I x%.5f %+.1f (q %.1f), P x%.5f %+.1f", voltageGain,
                voltageOffset, currentGain, currentOffset, currentQuadrature, powerGain, powerOffset);
    }
}
