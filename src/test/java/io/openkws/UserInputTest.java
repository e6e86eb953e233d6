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
    void a_user_error_shortens_a_long_quoted_value_once() {
        UserError e = new UserError("bad value '" + "v".repeat(2_000_000) + "' for --trips");
        assertEquals("bad value '" + "v".repeat(60) + "… (2000000 characters)' for --trips", e.getMessage());
        String alreadyShort = "bad value '" + UserInput.shown("w".repeat(500)) + "'";
        assertEquals(alreadyShort, new UserError(alreadyShort).getMessage());
    }

    @Test
    void a_user_error_is_never_longer_than_its_cap_whatever_it_echoes() {
        UserError e = new UserError("unquoted " + "z".repeat(5_000_000));
        assertTrue(e.getMessage().length() <= UserInput.MAX_MESSAGE_CHARS + 60, () -> "" + e.getMessage().length());
        assertTrue(e.getMessage().endsWith("… (message cut, 5000009 characters)"));
    }
}
