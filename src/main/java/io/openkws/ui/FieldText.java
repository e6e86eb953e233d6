package io.openkws.ui;

import io.openkws.UserInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Lays text out on a digit field by the LCD field rules of design.md: right-aligned, blank-padded (unlit, not
 * zeros), a {@code .} lights the dp of the digit before it (or of a blank digit when nothing precedes it), and a
 * character the font lacks is an error.
 */
public final class FieldText {

    /** One digit position: its segment mask (bit 0 = a ... bit 6 = g) and whether its dp is lit. */
    public record Cell(int mask, boolean dp) {
    }

    private FieldText() {
    }

    /** The {@code digits} cells showing {@code text}, leftmost first; a {@link DisplayTextException} when it does not fit. */
    public static List<Cell> layout(String text, int digits) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (cells.isEmpty() || cells.getLast().dp()) {
                    cells.add(new Cell(0, true));
                } else {
                    cells.set(cells.size() - 1, new Cell(cells.getLast().mask(), true));
                }
            } else {
                cells.add(new Cell(SevenSegmentFont.mask(c), false));
            }
        }
        if (cells.size() > digits) {
            throw new DisplayTextException("'" + UserInput.shown(text) + "' needs " + cells.size() + " digits, the field has " + digits);
        }
        List<Cell> padded = new ArrayList<>(Collections.nCopies(digits - cells.size(), new Cell(0, false)));
        padded.addAll(cells);
        return padded;
    }
}
