package io.openkws.meter;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.ht7017.Ht7017Register;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How register counts become volts, amps, watts, hertz and kWh on one meter, and which HT7017 registers are
 * written at init to get there.
 *
 * <p>Exists so calibration is data ({@code hardware/<board>/calibration.yaml}, or the user's own file written by
 * the calibration wizard) in one format shared by the meter, the decoder and the calibration tool:
 * <pre>
 * name: kws302wf-default
 * note: "..."
 * scales: { voltage: 10961.98, current: 2342.02, currentOffset: 440, power: -3.1777, frequency: 500000, energy: 332.94 }
 * registers: { ADCCON: 0x0000 }
 * </pre>
 * {@code energy} (EnergyP counts per kWh) is optional: when absent it is derived from the power scale and
 * HFConst (fact sheet: pulses/s = PowerP1 × 15625 / (HFConst × 2^23)).
 *
 * <p>Every channel has a gain and an offset in software, so an offset measured once is never lost when the chip's
 * registers change: {@code V = (Rms_U - voltageOffset) / voltage}, {@code P = (PowerP1 - powerOffset) / power},
 * and the current, whose zero reading may add linearly (a fixed offset) or in quadrature (noise), both:
 * {@code I = (√(Rms_I1² - currentQuadrature) - currentOffset) / current}, never below 0. {@code currentQuadrature}
 * (counts²) is what is left of the noise after the chip's own I1RMSOFFSET (negative when the chip removes more).
 * The optional keys {@code voltageOffset}, {@code currentQuadrature}, {@code powerOffset} default to 0.
 *
 * @param voltageOffset     Rms_U counts at 0 V
 * @param currentOffset     Rms_I1 counts at zero current that add linearly to the signal
 * @param currentQuadrature Rms_I1² counts² at zero current that add in quadrature (after the chip's I1RMSOFFSET)
 * @param powerOffset       PowerP1 counts at no load
 * @param registers         values written at init, in file order
 */
public record CalibrationProfile(String name, String note, double voltageScale, double voltageOffset,
        double currentScale, double currentOffset, double currentQuadrature, double powerScale, double powerOffset,
        double frequencyConstant, double energyCountsPerKWh, Map<Ht7017Register, Integer> registers) {

    /** HFConst after reset (fact sheet). */
    public static final int HFCONST_RESET = 0x0040;

    public CalibrationProfile {
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
    }

    /** A profile with no voltage or power offset and a current offset that adds linearly only. */
    public CalibrationProfile(String name, String note, double voltageScale, double currentScale, double currentOffset,
            double powerScale, double frequencyConstant, double energyCountsPerKWh, Map<Ht7017Register, Integer> registers) {
        this(name, note, voltageScale, 0, currentScale, currentOffset, 0, powerScale, 0, frequencyConstant,
                energyCountsPerKWh, registers);
    }

    /** The same profile with other software gains and offsets (registers, energy and frequency kept). */
    public CalibrationProfile withScales(String note, double voltageScale, double voltageOffset, double currentScale,
            double currentOffset, double currentQuadrature, double powerScale, double powerOffset) {
        return new CalibrationProfile(name, note, voltageScale, voltageOffset, currentScale, currentOffset,
                currentQuadrature, powerScale, powerOffset, frequencyConstant, energyCountsPerKWh, registers);
    }

    /** Loads and validates a profile file; errors name the file, line and key. */
    public static CalibrationProfile load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a profile from a parsed YAML document. */
    public static CalibrationProfile from(ConfNode root) {
        root.allowOnly("name", "note", "scales", "registers");
        ConfNode scales = root.section("scales")
                .allowOnly("voltage", "voltageOffset", "current", "currentOffset", "currentQuadrature", "power",
                        "powerOffset", "frequency", "energy");
        Map<Ht7017Register, Integer> registers = new LinkedHashMap<>();
        for (Map.Entry<String, ConfNode> e : root.entries("registers").entrySet()) {
            Ht7017Register r = Ht7017Register.named(e.getKey())
                    .orElseThrow(() -> e.getValue().error("not an HT7017 register name from the fact sheet"));
            if (!r.writable() || r == Ht7017Register.WPREG || r == Ht7017Register.SRSTREG || r == Ht7017Register.EMUIF) {
                throw e.getValue().error("cannot be written at init (read-only or a control register)");
            }
            registers.put(r, (int) e.getValue().asLong(0, 0xFFFF));
        }
        double power = scales.requireNumber("power", -1e9, 1e9);
        if (power == 0) {
            throw scales.child("power").error("must not be 0");
        }
        int hfConst = registers.getOrDefault(Ht7017Register.HFCONST, HFCONST_RESET);
        if (hfConst == 0 && !scales.has("energy")) {
            throw scales.error("energy: needed when HFConst is 0");
        }
        double energy = scales.has("energy") ? scales.requireNumber("energy", 1e-9, 1e12) : derivedEnergyScale(power, hfConst);
        return new CalibrationProfile(root.string("name", "unnamed"), root.string("note", ""),
                scales.requireNumber("voltage", 1e-9, 1e12),
                scales.number("voltageOffset", 0, -(1 << 24), 1 << 24),
                scales.requireNumber("current", 1e-9, 1e12),
                scales.number("currentOffset", 0, -(1 << 24), 1 << 24),
                scales.number("currentQuadrature", 0, -1e14, 1e14),
                power,
                scales.number("powerOffset", 0, -(1 << 24), 1 << 24),
                scales.number("frequency", 500000, 1, 1e9),
                energy,
                registers);
    }

    /** EnergyP counts per kWh implied by a power scale (PowerP1 counts per watt) and HFConst. */
    public static double derivedEnergyScale(double powerScale, int hfConst) {
        return Math.abs(powerScale) * 15625.0 * 3.6e6 / (hfConst * 8388608.0);
    }

    /** The software gains and offsets as the chip-neutral shape calibration and verification work on. */
    public ChannelScales scales() {
        return new ChannelScales(voltageScale, voltageOffset, currentScale, currentOffset, currentQuadrature, powerScale,
                powerOffset);
    }

    public double voltageV(double rmsU) {
        return (rmsU - voltageOffset) / voltageScale;
    }

    public double currentA(double rmsI1) {
        return Math.max(0, (currentSignalCounts(rmsI1) - currentOffset) / currentScale);
    }

    /** Rms_I1 with the quadrature part of the zero reading removed: what adds linearly to {@code currentOffset}. */
    public double currentSignalCounts(double rmsI1) {
        return Math.sqrt(Math.max(0, rmsI1 * rmsI1 - currentQuadrature));
    }

    public double powerW(double powerP1) {
        return (powerP1 - powerOffset) / powerScale;
    }

    public double reactivePowerVar(int powerQ1) {
        return powerQ1 / powerScale;
    }

    public double apparentPowerVA(int powerS) {
        return Math.abs(powerS / powerScale);
    }

    public double frequencyHz(int freqU) {
        return freqU == 0 ? 0 : frequencyConstant / freqU;
    }

    public double energyKWh(long counts) {
        return counts / energyCountsPerKWh;
    }

    /** P/S clipped to [-1, 1]; 1 when there is no apparent power (no load: nothing lags or leads). */
    public static double powerFactor(double powerW, double apparentPowerVA) {
        return Meter.powerFactor(powerW, apparentPowerVA);
    }
}
