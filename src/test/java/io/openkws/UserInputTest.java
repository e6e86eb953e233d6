package io.openkws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserInputTest {

    @Test
    void a_short_value_is_shown_as_it_is() {
        assertEquals("abc", UserInput.shown("abc"));
        assertEquals("x".repeat(60), UserInput.shown("x".repeat(60)));
    }

    @Test
    void a_long_value_keeps_sixty_characters_and_says_how_long_it_was() {
        assertEquals("x".repeat(60) + "… (61 characters)", UserInput.shown("x".repeat(61)));
    }

    @Test
    void a_surrogate_pair_is_never_cut_in_half() {
        String value = "x".repeat(59) + "🙂" + "y".repeat(10);
        assertEquals("x".repeat(59) + "… (71 characters)", UserInput.shown(value));
    }

    @Test
    void a_bounded_message_shortens_a_long_quoted_value_once() {
        assertEquals("bad value '" + "v".repeat(60) + "… (2000000 characters)' for --trips",
                UserInput.bounded("bad value '" + "v".repeat(2_000_000) + "' for --trips"));
        String alreadyShort = "bad value '" + UserInput.shown("w".repeat(500)) + "'";
        assertEquals(alreadyShort, UserInput.bounded(alreadyShort));
    }

    @Test
    void a_bounded_message_is_never_longer_than_its_cap_whatever_it_echoes() {
        String m = UserInput.bounded("unquoted " + "z".repeat(5_000_000));
        assertTrue(m.length() <= UserInput.MAX_MESSAGE_CHARS + 60, () -> "" + m.length());
        assertTrue(m.endsWith("… (message cut, 5000009 characters)"));
    }

    @Test
    void a_bounded_message_shows_line_breaks_and_control_characters_as_escapes() {
        assertEquals("a\\nb\\u000B\tc", UserInput.bounded("a\nb\u000B\tc"));
    }

    @Test
    void a_domain_exception_bounds_its_message_as_the_command_line_error_did() {
        String m = new io.openkws.yaml.ConfigException("bad '" + "q".repeat(500) + "'\nsecond line").getMessage();
        assertEquals("bad '" + "q".repeat(60) + "… (500 characters)'\\nsecond line", m);
    }
}
