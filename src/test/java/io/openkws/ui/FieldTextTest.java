package io.openkws.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.ui.FieldText.Cell;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldTextTest {

    private static final int A = 1;
    private static final int B = 2;
    private static final int C = 4;
    private static final int D = 8;
    private static final int E = 16;
    private static final int F = 32;
    private static final int G = 64;
    private static final Cell BLANK = new Cell(0, false);

    @Test
    void digits_have_their_usual_seven_segment_shapes() {
        assertEquals(A | B | C | D | E | F, SevenSegmentFont.mask('0'));
        assertEquals(B | C, SevenSegmentFont.mask('1'));
        assertEquals(A | B | D | E | G, SevenSegmentFont.mask('2'));
        assertEquals(A | B | C | D | E | F | G, SevenSegmentFont.mask('8'));
        assertEquals(G, SevenSegmentFont.mask('-'));
        assertEquals(0, SevenSegmentFont.mask(' '));
    }

    @Test
    void text_is_right_aligned_and_padded_with_unlit_digits() {
        assertEquals(List.of(BLANK, BLANK, BLANK, new Cell(B | C, false), new Cell(A | B | D | E | G, false)),
                FieldText.layout("12", 5));
    }

    @Test
    void a_dot_lights_the_dp_of_the_digit_before_it_and_takes_no_digit() {
        List<Cell> cells = FieldText.layout("23.5", 4);

        assertEquals(BLANK, cells.get(0));
        assertFalse(cells.get(1).dp());
        assertTrue(cells.get(2).dp());
        assertEquals(SevenSegmentFont.mask('3'), cells.get(2).mask());
        assertEquals(new Cell(SevenSegmentFont.mask('5'), false), cells.get(3));
    }

    @Test
    void a_leading_dot_or_a_second_dot_lights_the_dp_of_a_blank_digit() {
        assertEquals(List.of(BLANK, new Cell(0, true), new Cell(SevenSegmentFont.mask('5'), false)),
                FieldText.layout(".5", 3));
        assertEquals(List.of(new Cell(SevenSegmentFont.mask('1'), true), new Cell(0, true)),
                FieldText.layout("1..", 2));
    }

    @Test
    void a_character_the_font_lacks_is_an_error_not_a_blank() {
        DisplayTextException error = assertThrows(DisplayTextException.class, () -> FieldText.layout("M1", 5));
        assertTrue(error.getMessage().startsWith("the seven-segment font has no glyph for 'M'"));
    }

    @Test
    void text_longer_than_the_field_is_an_error() {
        DisplayTextException error = assertThrows(DisplayTextException.class, () -> FieldText.layout("123456", 5));
        assertEquals("'123456' needs 6 digits, the field has 5", error.getMessage());
    }
}
