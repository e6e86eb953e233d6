package io.openkws.meter.bl0942;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.bl0942.Bl0942Register;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.TrimmedProfile;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a BL0942's counts become volts, amps, watts, hertz and kWh on one board, and which registers are written at
 * init to get there.
 *
 * <p>Exists so BL0942 calibration is data ({@code hardware/<board>/calibration.yaml}) in a file of the same shape as
 * the HT7017's:
 * <pre>
 * name: bl0942-reference-design
 * chip: bl0942
 * note: "..."
 * scales: { voltage: 15873.35944299, current: 251213.46469622, power: 596, frequency: 1000000 }
 * registers: { MODE: 0x87, GAIN_CR: 0x02 }
 * </pre>
 * Scales are counts per unit (V_RMS per volt, I_RMS per amp, WATT per watt), {@code frequency} is the constant
 * over FREQ (f = frequency / FREQ). {@code energy} (CF_CNT counts per kWh) is optional: when absent it follows
 * from the power scale and the datasheet's "one CF_CNT count per 1638.4 × 256 / WATT seconds".
 * {@code startPower} (watts, default 1: the application note's lower end of the active energy range at 1 mΩ) is
 * the power above which CF_CNT must advance; the meter's stall check uses it.
 *
 * <p>A calibrated profile ({@code openkws calibrate}) adds an optional {@code trim} section ({@link Trim}): a
 * software gain per channel on top of these scales and offsets in counts, so {@code I = (√(I_RMS² −
 * currentQuadrature) − currentOffset) / (current × currentGain)}. The power gain applies to CF_CNT too.
 *
 * @param registers values written at init, in file order
 * @param trim      the calibration's software gains and offsets ({@link Trim#NONE} for the datasheet figures)
 */
public record Bl0942Profile(String name, String note, double voltageScale, double currentScale, double powerScale,
        double frequencyConstant, double energyCountsPerKWh, double startPowerW, Map<Bl0942Register, Integer> registers,
        Trim trim) implements TrimmedProfile<Bl0942Profile> {

    /** A profile of datasheet figures without trim. */
    public Bl0942Profile(String name, String note, double voltageScale, double currentScale, double powerScale,
            double frequencyConstant, double energyCountsPerKWh, double startPowerW, Map<Bl0942Register, Integer> registers) {
        this(name, note, voltageScale, currentScale, powerScale, frequencyConstant, energyCountsPerKWh, startPowerW,
                registers, Trim.NONE);
    }

    /** WATT × seconds per CF_CNT count (datasheet). */
    public static final double CF_WATT_SECONDS = 1638.4 * 256;

    public Bl0942Profile {
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
        if (trim == null) {
            throw new IllegalArgumentException("trim missing (Trim.NONE for none)");
        }
    }

    /** Loads and validates a profile file; errors name the file, line and key. */
    public static Bl0942Profile load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a profile from a parsed YAML document. */
    public static Bl0942Profile from(ConfNode root) {
        root.allowOnly("name", "chip", "note", "scales", "registers", "trim");
        if (root.has("chip")) {
            root.child("chip").asChoice("bl0942");
        }
        ConfNode scales = root.section("scales").allowOnly("voltage", "current", "power", "frequency", "energy", "startPower");
        Map<Bl0942Register, Integer> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, ConfNode> e : root.entries("registers").entrySet()) {
            Bl0942Register r = Bl0942Register.named(e.getKey())
                    .orElseThrow(() -> e.getValue().error("not a BL0942 register name from the datasheet"));
            if (!r.writable() || r == Bl0942Register.SOFT_RESET || r == Bl0942Register.USR_WRPROT) {
                throw e.getValue().error("cannot be written at init (read-only or a control register)");
            }
            ordered.put(r, (int) e.getValue().asLong(0, r.maxValue()));
        }
        double power = scales.requireNumber("power", -1e9, 1e9);
        if (power == 0) {
            throw scales.child("power").error("must not be 0");
        }
        double energy = scales.has("energy") ? scales.requireNumber("energy", 1e-9, 1e12) : derivedEnergyScale(power);
        return new Bl0942Profile(root.string("name", "unnamed"), root.string("note", ""),
                scales.requireNumber("voltage", 1e-9, 1e12),
                scales.requireNumber("current", 1e-9, 1e12),
                power,
                scales.number("frequency", 1_000_000, 1, 1e9),
                energy,
                scales.number("startPower", 1.0, 0, 1e6),
                ordered, Trim.from(root));
    }

    /** CF_CNT counts per kWh implied by a power scale (WATT counts per watt). */
    public static double derivedEnergyScale(double powerScale) {
        return Math.abs(powerScale) * 3.6e6 / CF_WATT_SECONDS;
    }

    /** The datasheet scales alone (counts per volt, amp and watt), no offsets. */
    @Override
    public ChannelScales nominalScales() {
        return ChannelScales.nominal(voltageScale, currentScale, powerScale);
    }

    /** The scales readings go through: the datasheet's times the trim, with its offsets. */
    @Override
    public ChannelScales effectiveScales() {
        return trim.applyTo(nominalScales());
    }

    /** The same profile with another name, note and trim (a calibration's result). */
    @Override
    public Bl0942Profile withTrim(String name, String note, Trim trim) {
        return new Bl0942Profile(name, note, voltageScale, currentScale, powerScale, frequencyConstant, energyCountsPerKWh,
                startPowerW, registers, trim);
    }

    /** CF_CNT counts per kWh with the trim's power gain (CF_CNT follows WATT). */
    public double trimmedEnergyCountsPerKWh() {
        return energyCountsPerKWh * trim.powerGain();
    }

    public double voltageV(int vRms) {
        return trim.voltageV(vRms, voltageScale);
    }

    public double currentA(int iRms) {
        return trim.currentA(iRms, currentScale);
    }

    public double powerW(int watt) {
        return trim.powerW(watt, powerScale);
    }

    public double frequencyHz(int freq) {
        return freq == 0 ? 0 : frequencyConstant / freq;
    }
}
