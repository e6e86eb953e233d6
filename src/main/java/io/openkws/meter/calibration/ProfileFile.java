package io.openkws.meter.calibration;

import io.openkws.driver.bl0942.Bl0942Register;
import io.openkws.driver.ht7017.Ht7017Register;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.Trim;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a calibration profile in the YAML format its chip's loader reads back ({@code read --calibration},
 * {@code run}): for the HT7017 ({@link CalibrationProfile}) name, note, software scales and register values; for
 * the BL0942 and BL0937 ({@link Bl0942Profile}, {@link Bl0937Profile}) the datasheet scales and the calibration's
 * {@code trim}.
 *
 * <p>Exists so the calibration tool's output is a file a person can read and diff, with a comment on each value,
 * written all at once (temporary file, then a rename) so a crash never leaves half a profile behind.
 */
public final class ProfileFile {

    private ProfileFile() {
    }

    /** The profile as YAML text. */
    public static String toYaml(CalibrationProfile p) {
        StringBuilder sb = new StringBuilder();
        sb.append("# openkws calibration profile (written by openkws calibrate)\n");
        sb.append("name: ").append(quote(p.name())).append('\n');
        sb.append("note: ").append(quote(p.note())).append('\n');
        sb.append("scales:\n");
        sb.append("  voltage: " + num(p.voltageScale()) + "  # Rms_U counts per volt\n");
        sb.append("  voltageOffset: " + num(p.voltageOffset()) + "  # Rms_U counts at 0 V\n");
        sb.append("  current: " + num(p.currentScale()) + "  # Rms_I1 counts per amp (after the offsets)\n");
        sb.append("  currentOffset: " + num(p.currentOffset()) + "  # Rms_I1 counts at zero current that add to the signal\n");
        sb.append("  currentQuadrature: " + num(p.currentQuadrature())
                + "  # Rms_I1 squared at zero current that adds in quadrature, left after the chip's I1RMSOFFSET\n");
        sb.append("  power: " + num(p.powerScale()) + "  # PowerP1 counts per watt (signed)\n");
        sb.append("  powerOffset: " + num(p.powerOffset()) + "  # PowerP1 counts at no load\n");
        sb.append("  frequency: " + num(p.frequencyConstant()) + "  # Hz = frequency / Freq_U\n");
        sb.append("  energy: " + num(p.energyCountsPerKWh()) + "  # EnergyP counts per kWh (meter constant)\n");
        sb.append("registers:                 # written at init, by fact-sheet name\n");
        for (Map.Entry<Ht7017Register, Integer> e : p.registers().entrySet()) {
            String key = "  " + e.getKey().sheetName() + ": ";
            sb.append(key).append(String.format(Locale.ROOT, "0x%04X", e.getValue()));
            String comment = comment(e.getKey(), e.getValue());
            if (!comment.isEmpty()) {
                sb.append(" ".repeat(Math.max(1, 27 - key.length() - 6))).append("# ").append(comment);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A BL0942 profile as YAML text ({@link Bl0942Profile#load} reads it back). */
    public static String toYaml(Bl0942Profile p) {
        StringBuilder sb = new StringBuilder();
        sb.append("# openkws BL0942 calibration profile (written by openkws calibrate)\n");
        sb.append("name: ").append(quote(p.name())).append('\n');
        sb.append("chip: bl0942\n");
        sb.append("note: ").append(quote(p.note())).append('\n');
        sb.append("scales:                    # the datasheet's figures\n");
        sb.append("  voltage: " + Trim.num(p.voltageScale()) + "  # V_RMS counts per volt\n");
        sb.append("  current: " + Trim.num(p.currentScale()) + "  # I_RMS counts per amp\n");
        sb.append("  power: " + Trim.num(p.powerScale()) + "  # WATT counts per watt\n");
        sb.append("  frequency: " + Trim.num(p.frequencyConstant()) + "  # Hz = frequency / FREQ\n");
        sb.append("  energy: " + Trim.num(p.energyCountsPerKWh()) + "  # CF_CNT counts per kWh (before the trim's power gain)\n");
        sb.append("  startPower: " + Trim.num(p.startPowerW()) + "  # W above which CF_CNT must advance\n");
        sb.append("registers:                 # written at init, by datasheet name\n");
        for (Map.Entry<Bl0942Register, Integer> e : p.registers().entrySet()) {
            sb.append("  ").append(e.getKey().sheetName()).append(String.format(Locale.ROOT, ": 0x%02X%n", e.getValue()));
        }
        sb.append(p.trim().yaml("I_RMS/V_RMS/WATT counts"));
        return sb.toString();
    }

    /** A BL0937 profile as YAML text ({@link Bl0937Profile#load} reads it back). */
    public static String toYaml(Bl0937Profile p) {
        StringBuilder sb = new StringBuilder();
        sb.append("# openkws BL0937 calibration profile (written by openkws calibrate)\n");
        sb.append("name: ").append(quote(p.name())).append('\n');
        sb.append("note: ").append(quote(p.note())).append('\n');
        sb.append("scales:                    # the datasheet's transfer functions on this front end\n");
        sb.append("  voltage: " + Trim.num(p.scales().voltsPerHz()) + "  # volts per CF1 hertz (SEL on voltage)\n");
        sb.append("  current: " + Trim.num(p.scales().ampsPerHz()) + "  # amps per CF1 hertz (SEL on current)\n");
        sb.append("  power: " + Trim.num(p.scales().wattsPerHz()) + "  # watts per CF hertz\n");
        sb.append(p.trim().yaml("Hz"));
        return sb.toString();
    }

    /** Writes the profile to {@code file} atomically; a failure is one clear line. */
    public static void write(CalibrationProfile p, Path file) {
        writeText(toYaml(p), file);
    }

    /** Writes a profile's text to {@code file} atomically; a failure is one clear line. */
    public static void writeText(String yaml, Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new CalibrationException(file + ": cannot write the calibration profile: " + e.getMessage(), e);
        }
    }

    private static String comment(Ht7017Register r, int v) {
        int signed = v >= 0x8000 ? v - 0x10000 : v;
        return switch (r) {
            case GP1, GQ1, GS1 -> String.format(Locale.ROOT, "gain %+.4f%%", signed / 32768.0 * 100);
            case GPHS1 -> String.format(Locale.ROOT, "phase %+.3f degrees", Math.toDegrees(signed / 32768.0));
            case HFCONST -> "pulse rate constant (with the meter constant in scales.energy)";
            case I1_RMS_OFFSET -> "current RMS offset: mean no-load Rms_I1 squared / 32768";
            case ADCCON -> "PGA setting of the front-end";
            case ANAEN -> "ADC enables of the front-end";
            default -> "";
        };
    }

    /** A number with 8 significant digits, plain notation, no trailing zeros. */
    static String num(double v) {
        if (v == 0) {
            return "0";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + '"';
    }
}
