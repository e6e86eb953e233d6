package io.openkws.decode.ht7017;

import io.openkws.decode.CaptureException;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.ht7017.Ht7017Transaction.Ack;
import io.openkws.decode.ht7017.Ht7017Transaction.Op;
import io.openkws.driver.ht7017.Ht7017Register;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns the calibration the stock MCU wrote into the HT7017 at boot into an openkws calibration profile.
 *
 * <p>Exists so a user who sniffed the original firmware can keep its chip setup (gains, phase, offsets, ADCCON)
 * after replacing it. Kept: writes the chip acknowledged (0x54) with a good command checksum to 0x40-0x7C, except
 * WPREG and SRSTREG; the last value written to a register wins, and an acknowledged soft reset (SRSTREG = 0x55)
 * forgets the writes before it, since the chip returns to its reset values. The software scales are not in the
 * traffic: the profile carries the published KWS-303WF figures and says so in its note.
 */
public final class CalibrationExtractor {

    /** First and last calibration register address kept. */
    public static final int FIRST = 0x40;
    public static final int LAST = 0x7C;

    private CalibrationExtractor() {
    }

    /** Address → last acknowledged value of the calibration registers, in address order. */
    public static SortedMap<Integer, Integer> calibrationWrites(List<DecodeEvent> events) {
        Collector collector = new Collector();
        events.forEach(collector::accept);
        return collector.writes();
    }

    /**
     * Collects the calibration writes from events as a decoder produces them, so a capture of any length needs no
     * list of its events: it holds one value per register.
     */
    public static final class Collector {
        private final SortedMap<Integer, Integer> writes = new TreeMap<>();

        /** Takes one decoded event into account (only acknowledged, well-formed writes matter). */
        public void accept(DecodeEvent e) {
            if (!(e instanceof Ht7017Transaction t) || t.op() != Op.WRITE || t.ack() != Ack.OK || !t.checksumOk()) {
                return;
            }
            int value = t.value().orElseThrow();
            if (t.address() == Ht7017Register.SRSTREG.address() && value == Ht7017Register.SOFT_RESET) {
                writes.clear();
            } else if (t.address() >= FIRST && t.address() <= LAST
                    && t.address() != Ht7017Register.WPREG.address()
                    && t.address() != Ht7017Register.SRSTREG.address()) {
                writes.put(t.address(), value);
            }
        }

        /** Address → last acknowledged value so far, in address order. */
        public SortedMap<Integer, Integer> writes() {
            return new TreeMap<>(writes);
        }
    }

    /** The profile text. Addresses the register map does not name are kept as comments (not loadable). */
    public static String render(String captureFileName, Map<Integer, Integer> writes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# openkws calibration profile\n");
        sb.append("name: ").append(yamlScalar("extracted-from-" + captureFileName)).append('\n');
        sb.append("note: \"Registers the stock MCU wrote to the HT7017 at boot, extracted from ")
                .append(escape(captureFileName))
                .append(". The scales are NOT from this meter: they are the published KWS-303WF figures."
                        + " Run ./openkws calibrate to refine them.\"\n");
        sb.append("scales:\n");
        sb.append("  voltage: 10961.98        # Rms_U counts per volt\n");
        sb.append("  current: 2342.02         # Rms_I1 counts per amp (after currentOffset)\n");
        sb.append("  currentOffset: 440       # Rms_I1 counts at zero current\n");
        sb.append("  power: -3.1777           # PowerP1 counts per watt\n");
        sb.append("  frequency: 500000        # Hz = frequency / Freq_U\n");
        boolean named = writes.keySet().stream().anyMatch(a -> Ht7017Register.at(a).isPresent());
        sb.append(named
                ? "registers:                 # written at init, by fact-sheet name, values 0..0xFFFF (hex allowed)\n"
                : "registers: {}              # the capture holds no acknowledged calibration write\n");
        for (Map.Entry<Integer, Integer> w : writes.entrySet()) {
            Optional<Ht7017Register> reg = Ht7017Register.at(w.getKey());
            if (reg.isPresent()) {
                sb.append(String.format("  %s: 0x%04X%n", reg.get().sheetName(), w.getValue()));
            } else {
                sb.append(String.format("  # 0x%02X: 0x%04X   (written by the stock MCU; address has no fact-sheet"
                        + " name, not loadable)%n", w.getKey(), w.getValue()));
            }
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    /** Writes the profile; an unwritable path is a {@link CaptureException}. */
    public static void write(Path out, String captureFileName, Map<Integer, Integer> writes) {
        try {
            Files.writeString(out, render(captureFileName, writes), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CaptureException(out + ": cannot write the calibration profile: " + e.getMessage());
        }
    }

    private static String yamlScalar(String text) {
        return text.matches("[A-Za-z0-9][A-Za-z0-9._-]*") ? text : "\"" + escape(text) + "\"";
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
