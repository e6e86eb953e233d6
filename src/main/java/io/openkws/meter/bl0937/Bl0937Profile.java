package io.openkws.meter.bl0937;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.bl0937.Bl0937Scales;
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
 * </pre>
 */
public record Bl0937Profile(String name, String note, Bl0937Scales scales) {

    /** Loads and validates a profile file; errors name the file, line and key. */
    public static Bl0937Profile load(Path file) {
        return from(ConfNode.load(file));
    }

    /** Reads a profile from a parsed YAML document. */
    public static Bl0937Profile from(ConfNode root) {
        root.allowOnly("name", "note", "referenceDesign", "scales");
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
        return new Bl0937Profile(root.string("name", "unnamed"), root.string("note", ""), scales);
    }

    /** The datasheet reference design with ESPHome's default shunt and divider. */
    public static Bl0937Profile reference() {
        return new Bl0937Profile("bl0937-reference", "datasheet reference design", Bl0937Scales.referenceDesign());
    }
}
