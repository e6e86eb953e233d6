package io.openkws.ui;

import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.RamImage.Position;
import java.util.Locale;
import java.util.Map;

/**
 * Draws a TM1622 RAM image, through the segment map, as an SVG picture of the glass (lit segments dark, unlit
 * ones faint).
 *
 * <p>Exists for documentation and bug reports ({@code lcd render --svg}): a picture that anyone can open, made
 * from the same map and RAM the chip gets.
 */
public final class SvgRenderer {

    private static final int DIGIT_W = 44;
    private static final int DIGIT_H = 76;
    private static final int T = 6;
    private static final String ON = "#1b1b1b";
    private static final String OFF = "#e3e6df";

    private final SegmentMap map;

    public SvgRenderer(SegmentMap map) {
        this.map = map;
    }

    /** A standalone SVG document of {@code image}. */
    public String render(RamImage image) {
        StringBuilder body = new StringBuilder();
        int y = 12;
        int width = 200;
        for (Map.Entry<String, Integer> field : map.fields().entrySet()) {
            for (int pos = 1; pos <= field.getValue(); pos++) {
                digit(body, image, field.getKey() + "." + pos + ".", 12 + (pos - 1) * (DIGIT_W + 12), y);
            }
            width = Math.max(width, 24 + field.getValue() * (DIGIT_W + 12));
            y += DIGIT_H + 20;
        }
        int x = 12;
        for (String icon : map.icons()) {
            String fill = lit(image, "icon." + icon) ? ON : OFF;
            body.append(String.format(Locale.ROOT,
                    "<text x=\"%d\" y=\"%d\" font-family=\"sans-serif\" font-size=\"16\" fill=\"%s\">%s</text>%n",
                    x, y + 14, fill, escape(icon)));
            x += 12 + 10 * icon.length();
        }
        width = Math.max(width, x + 12);
        int height = y + 28;
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\">%n<rect width=\"100%%\" height=\"100%%\" fill=\"#f4f6ef\"/>%n%s</svg>%n",
                width, height, width, height, body);
    }

    private void digit(StringBuilder out, RamImage image, String prefix, int x, int y) {
        int w = DIGIT_W - 8;
        int half = DIGIT_H / 2;
        rect(out, image, prefix + "a", x + T, y, w - 2 * T, T);
        rect(out, image, prefix + "b", x + w - T, y + T, T, half - T - T / 2);
        rect(out, image, prefix + "c", x + w - T, y + half + T / 2, T, half - T - T / 2);
        rect(out, image, prefix + "d", x + T, y + DIGIT_H - T, w - 2 * T, T);
        rect(out, image, prefix + "e", x, y + half + T / 2, T, half - T - T / 2);
        rect(out, image, prefix + "f", x, y + T, T, half - T - T / 2);
        rect(out, image, prefix + "g", x + T, y + half - T / 2, w - 2 * T, T);
        if (map.has(prefix + "dp")) {
            rect(out, image, prefix + "dp", x + w + 2, y + DIGIT_H - T, T, T);
        }
    }

    private void rect(StringBuilder out, RamImage image, String segment, int x, int y, int w, int h) {
        out.append(String.format(Locale.ROOT,
                "<rect class=\"%s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"2\" fill=\"%s\"/>%n",
                segment, x, y, w, h, lit(image, segment) ? ON : OFF));
    }

    private boolean lit(RamImage image, String segment) {
        Position position = map.position(segment);
        return image.bit(position.address(), position.bit());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
