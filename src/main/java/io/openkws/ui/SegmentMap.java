package io.openkws.ui;

import io.openkws.yaml.ConfigException;
import io.openkws.yaml.TextFiles;
import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.RamImage.Position;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which TM1622 RAM bit lights which segment of the glass: the board's {@code lcd-segments.csv}.
 *
 * <p>Exists because the wiring of the panel is a board fact (data), not code. Format: CSV with header
 * {@code segment,address,bit}; {@code #} lines and blank lines are skipped. Segment names are
 * {@code <field>.<pos>.<seg>} for digit fields (pos 1 = leftmost, seg one of a b c d e f g dp) and
 * {@code icon.<name>} for icons and units. Loading rejects duplicate (address, bit) pairs, duplicate or unknown
 * names, positions outside 0..63/0..3, and digit fields with gaps or missing a..g segments.
 */
public final class SegmentMap {

    /** The seven segments plus the decimal point, in the order digit glyphs use (bit 0 = a). */
    public static final List<String> DIGIT_SEGMENTS = List.of("a", "b", "c", "d", "e", "f", "g", "dp");

    /** Icon names a map may use. */
    public static final Set<String> ICONS = Set.of("V", "A", "W", "kW", "kWh", "Hz", "PF", "h", "°C", "relay",
            "wifi", "alarm", "set", "lock");

    private static final Pattern DIGIT = Pattern.compile("([a-z][a-z0-9]*)\\.([1-9][0-9]?)\\.(a|b|c|d|e|f|g|dp)");
    private static final Pattern ICON = Pattern.compile("icon\\.(.+)");

    private final Map<String, Position> bySegment;
    private final Map<Position, String> byPosition;
    private final Map<String, Integer> fieldDigits;
    private final List<String> icons;

    private SegmentMap(Map<String, Position> bySegment, Map<String, Integer> fieldDigits, List<String> icons) {
        this.bySegment = Collections.unmodifiableMap(bySegment);
        Map<Position, String> reverse = new HashMap<>();
        bySegment.forEach((name, position) -> reverse.put(position, name));
        this.byPosition = Collections.unmodifiableMap(reverse);
        this.fieldDigits = Collections.unmodifiableMap(fieldDigits);
        this.icons = List.copyOf(icons);
    }

    /** Loads and validates a map file; problems are {@link ConfigException}s naming the file and line. */
    public static SegmentMap load(Path file) {
        String shown = file.toString();
        String text = TextFiles.read(file, shown, shown + ": segment map not found");
        return parse(text.lines().toList(), shown);
    }

    /** Parses and validates map lines; {@code source} names them in error messages. */
    public static SegmentMap parse(List<String> lines, String source) {
        Map<String, Position> bySegment = new LinkedHashMap<>();
        Map<Position, String> seen = new HashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, Set<String>> digitSegments = new LinkedHashMap<>();
        List<String> icons = new ArrayList<>();
        boolean header = false;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            String where = source + ":" + (n + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.replace(" ", "").equals("segment,address,bit")) {
                    throw new ConfigException(where + "expected the header segment,address,bit, got '" + line + "'");
                }
                header = true;
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new ConfigException(where + "expected segment,address,bit, got '" + line + "'");
            }
            String name = cells[0].strip();
            int address = parseInt(cells[1].strip(), where, "address", 0, RamImage.ADDRESSES - 1);
            int bit = parseInt(cells[2].strip(), where, "bit", 0, RamImage.BITS - 1);
            Matcher digit = DIGIT.matcher(name);
            Matcher icon = ICON.matcher(name);
            if (digit.matches() && !digit.group(1).equals("icon")) {
                digitSegments.computeIfAbsent(digit.group(1) + "." + digit.group(2), k -> new TreeSet<>())
                        .add(digit.group(3));
            } else if (icon.matches() && ICONS.contains(icon.group(1))) {
                icons.add(icon.group(1));
            } else {
                throw new ConfigException(where + "unknown segment name '" + name
                        + "' (expected <field>.<pos>.<a..g|dp> or icon.<" + String.join("|", new TreeSet<>(ICONS))
                        + ">)");
            }
            Position position = new Position(address, bit);
            if (bySegment.containsKey(name)) {
                throw new ConfigException(where + "segment " + name + " is already mapped on line " + lineOf.get(name));
            }
            String other = seen.putIfAbsent(position, name);
            if (other != null) {
                throw new ConfigException(where + "address " + address + " bit " + bit + " is already used by " + other
                        + " (line " + lineOf.get(other) + ")");
            }
            bySegment.put(name, position);
            lineOf.put(name, n + 1);
        }
        if (!header) {
            throw new ConfigException(source + ": empty segment map (no header segment,address,bit)");
        }
        return new SegmentMap(bySegment, checkFields(digitSegments, source), icons);
    }

    /**
     * Whether {@code name} is a valid segment name ({@code <field>.<pos>.<a..g|dp>} or {@code icon.<known icon>}).
     */
    public static boolean validName(String name) {
        Matcher digit = DIGIT.matcher(name);
        Matcher icon = ICON.matcher(name);
        return digit.matches() && !digit.group(1).equals("icon") || icon.matches() && ICONS.contains(icon.group(1));
    }

    private static Map<String, Integer> checkFields(Map<String, Set<String>> digitSegments, String source) {
        Map<String, Integer> digits = new LinkedHashMap<>();
        for (String key : digitSegments.keySet()) {
            String field = key.substring(0, key.indexOf('.'));
            int pos = Integer.parseInt(key.substring(key.indexOf('.') + 1));
            digits.merge(field, pos, Math::max);
        }
        for (Map.Entry<String, Integer> field : digits.entrySet()) {
            for (int pos = 1; pos <= field.getValue(); pos++) {
                Set<String> segments = digitSegments.getOrDefault(field.getKey() + "." + pos, Set.of());
                for (String seg : DIGIT_SEGMENTS.subList(0, 7)) {
                    if (!segments.contains(seg)) {
                        throw new ConfigException(source + ": digit " + field.getKey() + "." + pos + " has no segment "
                                + seg);
                    }
                }
            }
        }
        return digits;
    }

    private static int parseInt(String cell, String where, String what, int min, int max) {
        int value;
        try {
            value = Integer.parseInt(cell);
        } catch (NumberFormatException e) {
            throw new ConfigException(where + what + " must be an integer, got '" + cell + "'");
        }
        if (value < min || value > max) {
            throw new ConfigException(where + what + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Digit fields and their digit counts, in file order. */
    public Map<String, Integer> fields() {
        return fieldDigits;
    }

    /** Number of digits of {@code field}; a {@link DisplayTextException} when the map has no such field. */
    public int digits(String field) {
        Integer count = fieldDigits.get(field);
        if (count == null) {
            throw new DisplayTextException("the segment map has no digit field '" + field + "' (fields: "
                    + String.join(", ", fieldDigits.keySet()) + ")");
        }
        return count;
    }

    /** Icon names present in the map, in file order. */
    public List<String> icons() {
        return icons;
    }

    /** Every segment name, in file order. */
    public Set<String> segments() {
        return bySegment.keySet();
    }

    /** Whether the map has {@code segment}. */
    public boolean has(String segment) {
        return bySegment.containsKey(segment);
    }

    /** Where {@code segment} lives; a {@link DisplayTextException} when unmapped. */
    public Position position(String segment) {
        Position position = bySegment.get(segment);
        if (position == null) {
            throw new DisplayTextException("the segment map has no segment '" + segment + "'");
        }
        return position;
    }

    /** The segment at {@code position}, or null when that bit is not mapped. */
    public String segmentAt(Position position) {
        return byPosition.get(position);
    }

    /** The RAM image that lights exactly {@code lit}. */
    public RamImage toRam(Set<String> lit) {
        int[] nibbles = new int[RamImage.ADDRESSES];
        for (String segment : lit) {
            Position position = position(segment);
            nibbles[position.address()] |= 1 << position.bit();
        }
        return RamImage.of(nibbles);
    }

    /** The mapped segments {@code image} lights. */
    public Set<String> litSegments(RamImage image) {
        Set<String> lit = new TreeSet<>();
        bySegment.forEach((name, position) -> {
            if (image.bit(position.address(), position.bit())) {
                lit.add(name);
            }
        });
        return lit;
    }

    /** Lit bits of {@code image} that the map does not name. */
    public List<Position> unmappedLit(RamImage image) {
        return image.litPositions().stream().filter(p -> !byPosition.containsKey(p)).toList();
    }
}
