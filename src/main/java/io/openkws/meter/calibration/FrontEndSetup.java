package io.openkws.meter.calibration;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.ht7017.Ht7017Register;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a calibration needs from a current front-end file ({@code hardware/<board>/frontends/<name>.yaml}): its
 * name, its kind (shunt or current transformer) and the analog registers (ADCCON with the I1 PGA, ANAEN...) that
 * every calibration made with it writes at init. The file's {@code simulation} section is the simulator's.
 *
 * <p>Exists so the PGA and ADC set-up of a front-end are board data, kept in the same file as the simulator's
 * physical model of that front-end, and copied into each calibration profile made with it.
 */
public record FrontEndSetup(String name, String note, Kind kind, Map<Ht7017Register, Integer> registers) {

    /** How the current is sensed. */
    public enum Kind {
        SHUNT, CT;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public FrontEndSetup {
        registers = Collections.unmodifiableMap(new LinkedHashMap<>(registers));
    }

    public static FrontEndSetup load(Path file) {
        return from(ConfNode.load(file));
    }

    public static FrontEndSetup from(ConfNode root) {
        root.allowOnly("name", "note", "sensor", "registers", "simulation");
        Kind kind = Kind.valueOf(root.child("sensor").child("type").asChoice("shunt", "ct").toUpperCase(java.util.Locale.ROOT));
        Map<Ht7017Register, Integer> regs = new LinkedHashMap<>();
        for (Map.Entry<String, ConfNode> e : root.entries("registers").entrySet()) {
            Ht7017Register r = Ht7017Register.named(e.getKey())
                    .orElseThrow(() -> e.getValue().error("not an HT7017 register name from the fact sheet"));
            if (r.access() != Ht7017Register.Access.KEY_BC && r.access() != Ht7017Register.Access.KEY_A6) {
                throw e.getValue().error("not a configuration register (0x40-0x45 or 0x50-0x7C)");
            }
            regs.put(r, (int) e.getValue().asLong(0, 0xFFFF));
        }
        if (!regs.containsKey(Ht7017Register.ADCCON)) {
            throw root.error("registers: ADCCON is required (it sets the I1 PGA of this front-end)");
        }
        return new FrontEndSetup(root.string("name", "front-end"), root.string("note", ""), kind, regs);
    }

    /** The I1 PGA gain this front-end's ADCCON selects (fact sheet §4: bits 3:2, bit 12 forces x24). */
    public int pgaI1() {
        return pgaOf(registers.get(Ht7017Register.ADCCON));
    }

    /** The I1 PGA gain an ADCCON value selects (fact sheet §4: bits 3:2, bit 12 forces x24). */
    public static int pgaOf(int adccon) {
        if ((adccon & 0x1000) != 0) {
            return 24;
        }
        return switch ((adccon >> 2) & 3) {
            case 0 -> 1;
            case 1 -> 4;
            case 2 -> 8;
            default -> 16;
        };
    }
}
