package io.openkws.ui;

import java.util.Map;
import java.util.TreeMap;

/**
 * The characters a seven-segment digit can show, as segment masks (bit 0 = a ... bit 6 = g).
 *
 * <p>Exists so every page and message goes through one glyph table, and so a character it lacks is an error
 * (design.md, "LCD field rules") instead of a silently blank digit. Letters without a distinct upper or lower
 * case glyph accept both cases; letters with none that reads well (M, W, X...) are absent on purpose.
 */
public final class SevenSegmentFont {

    private static final Map<Character, Integer> GLYPHS = new TreeMap<>();

    static {
        glyph("0O", "abcdef");
        glyph("1", "bc");
        glyph("2", "abdeg");
        glyph("3", "abcdg");
        glyph("4", "bcfg");
        glyph("5Ss", "acdfg");
        glyph("6", "acdefg");
        glyph("7", "abc");
        glyph("8", "abcdefg");
        glyph("9", "abcdfg");
        glyph(" ", "");
        glyph("-", "g");
        glyph("_", "d");
        glyph("°", "abfg");
        glyph("Aa", "abcefg");
        glyph("Bb", "cdefg");
        glyph("C", "adef");
        glyph("c", "deg");
        glyph("Dd", "bcdeg");
        glyph("Ee", "adefg");
        glyph("Ff", "aefg");
        glyph("Gg", "acdef");
        glyph("H", "bcefg");
        glyph("h", "cefg");
        glyph("Ii", "ef");
        glyph("Jj", "bcde");
        glyph("Kk", "acefg");
        glyph("Ll", "def");
        glyph("Nn", "ceg");
        glyph("o", "cdeg");
        glyph("Pp", "abefg");
        glyph("Qq", "abcfg");
        glyph("Rr", "eg");
        glyph("Tt", "defg");
        glyph("UV", "bcdef");
        glyph("uv", "cde");
        glyph("Yy", "bcdfg");
    }

    private SevenSegmentFont() {
    }

    private static void glyph(String chars, String segments) {
        int mask = 0;
        for (char segment : segments.toCharArray()) {
            mask |= 1 << (segment - 'a');
        }
        for (char c : chars.toCharArray()) {
            GLYPHS.put(c, mask);
        }
    }

    /** Whether the font has a glyph for {@code c}. */
    public static boolean covers(char c) {
        return GLYPHS.containsKey(c);
    }

    /** The segment mask of {@code c} (bit 0 = a ... bit 6 = g); a {@link DisplayTextException} when the font lacks it. */
    public static int mask(char c) {
        Integer mask = GLYPHS.get(c);
        if (mask == null) {
            throw new DisplayTextException("the seven-segment font has no glyph for '" + c + "' (it has: "
                    + String.join("", GLYPHS.keySet().stream().map(String::valueOf).toList()).strip() + ")");
        }
        return mask;
    }
}
