package io.openkws.ui;

import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.RamImage.Position;
import java.util.List;
import java.util.Map;

/**
 * Draws a TM1622 RAM image, through the segment map, as a seven-segment picture in a terminal.
 *
 * <p>Exists so the display can be seen without a panel: {@code lcd render}, {@code run} (live, on the simulated
 * board) and anyone checking a decoded capture read the same picture. Each digit is 5 rows of box-drawing
 * characters; icons are listed by name below the fields; lit RAM bits the map does not name are listed last.
 * Plain mode leaves unlit segments blank; ANSI mode shows them dim, as on real glass.
 */
public final class TerminalRenderer {

    private static final String LIT = "\u001b[1;96m";
    private static final String DIM = "\u001b[38;5;237m";
    private static final String RESET = "\u001b[0m";

    private final SegmentMap map;
    private final boolean ansi;

    public TerminalRenderer(SegmentMap map, boolean ansi) {
        this.map = map;
        this.ansi = ansi;
    }

    /** The picture of {@code image}, lines separated by {@code \n}, ending with one. */
    public String render(RamImage image) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Integer> field : map.fields().entrySet()) {
            StringBuilder[] rows = new StringBuilder[5];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = new StringBuilder();
            }
            for (int pos = 1; pos <= field.getValue(); pos++) {
                String prefix = field.getKey() + "." + pos + ".";
                rows[0].append(' ').append(seg(image, prefix + "a", "━━━")).append("  ");
                rows[1].append(seg(image, prefix + "f", "┃")).append("   ").append(seg(image, prefix + "b", "┃"))
                        .append(' ');
                rows[2].append(' ').append(seg(image, prefix + "g", "━━━")).append("  ");
                rows[3].append(seg(image, prefix + "e", "┃")).append("   ").append(seg(image, prefix + "c", "┃"))
                        .append(' ');
                rows[4].append(' ').append(seg(image, prefix + "d", "━━━")).append(' ')
                        .append(map.has(prefix + "dp") ? seg(image, prefix + "dp", "▪") : " ");
            }
            rows[2].append("  ").append(field.getKey());
            for (StringBuilder row : rows) {
                out.append(row.toString().stripTrailing()).append('\n');
            }
        }
        if (!map.icons().isEmpty()) {
            StringBuilder icons = new StringBuilder();
            for (String icon : map.icons()) {
                icons.append(seg(image, "icon." + icon, icon)).append(' ');
            }
            out.append(icons.toString().stripTrailing()).append('\n');
        }
        List<Position> unmapped = map.unmappedLit(image);
        if (!unmapped.isEmpty()) {
            out.append("unmapped lit bits (address/bit): ")
                    .append(String.join(" ", unmapped.stream().map(Position::toString).toList())).append('\n');
        }
        return out.toString();
    }

    private String seg(RamImage image, String segment, String glyph) {
        Position position = map.position(segment);
        boolean lit = image.bit(position.address(), position.bit());
        if (ansi) {
            return (lit ? LIT : DIM) + glyph + RESET;
        }
        return lit ? glyph : " ".repeat(glyph.codePointCount(0, glyph.length()));
    }
}
