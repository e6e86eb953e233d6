package io.openkws.ui;

import io.openkws.driver.tm1622.RamImage;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the display should show, in the UI's terms: text per digit field, lit icons, and which of them blink.
 *
 * <p>Exists so pages and menus describe a screen without knowing the panel's wiring; {@link #litSegments} and
 * {@link #toRam} turn it into segments and a TM1622 RAM image through the board's {@link SegmentMap}. Blinking
 * needs no thread: the caller passes the current blink phase. Immutable; the {@code with*} methods return
 * copies. Blink targets are field names or {@code icon.<name>}.
 */
public record LcdFrame(Map<String, String> texts, Set<String> icons, Set<String> blinking) {

    /** Nothing lit. */
    public static final LcdFrame BLANK = new LcdFrame(Map.of(), Set.of(), Set.of());

    public LcdFrame {
        texts = Map.copyOf(texts);
        icons = Set.copyOf(icons);
        blinking = Set.copyOf(blinking);
    }

    /** A frame with {@code text} on {@code field}. */
    public static LcdFrame text(String field, String text) {
        return BLANK.withText(field, text);
    }

    public LcdFrame withText(String field, String text) {
        Map<String, String> copy = new LinkedHashMap<>(texts);
        copy.put(field, text);
        return new LcdFrame(copy, icons, blinking);
    }

    public LcdFrame withIcon(String icon) {
        Set<String> copy = new LinkedHashSet<>(icons);
        copy.add(icon);
        return new LcdFrame(texts, copy, blinking);
    }

    /** Makes a field (by name) or an icon ({@code icon.<name>}) blink. */
    public LcdFrame withBlinking(String target) {
        Set<String> copy = new LinkedHashSet<>(blinking);
        copy.add(target);
        return new LcdFrame(texts, icons, copy);
    }

    /**
     * The segment names lit in this frame; blinking parts are dark when {@code blinkPhaseOn} is false. Unknown
     * fields, icons or characters are {@link DisplayTextException}s.
     */
    public Set<String> litSegments(SegmentMap map, boolean blinkPhaseOn) {
        Set<String> lit = new TreeSet<>();
        texts.forEach((field, text) -> {
            List<FieldText.Cell> cells = FieldText.layout(text, map.digits(field));
            if (!blinkPhaseOn && blinking.contains(field)) {
                return;
            }
            for (int i = 0; i < cells.size(); i++) {
                FieldText.Cell cell = cells.get(i);
                for (int s = 0; s < 7; s++) {
                    if ((cell.mask() >> s & 1) != 0) {
                        lit.add(field + "." + (i + 1) + "." + SegmentMap.DIGIT_SEGMENTS.get(s));
                    }
                }
                if (cell.dp()) {
                    lit.add(field + "." + (i + 1) + ".dp");
                }
            }
        });
        for (String icon : icons) {
            String name = "icon." + icon;
            map.position(name);
            if (blinkPhaseOn || !blinking.contains(name)) {
                lit.add(name);
            }
        }
        for (String segment : lit) {
            map.position(segment);
        }
        return lit;
    }

    /** The TM1622 RAM image of this frame at the given blink phase. */
    public RamImage toRam(SegmentMap map, boolean blinkPhaseOn) {
        return map.toRam(litSegments(map, blinkPhaseOn));
    }
}
