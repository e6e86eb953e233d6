package io.openkws.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.time.VirtualClock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Sessions, CSRF tokens and the log-in rate limit, in virtual time. */
class SessionsTest {

    private final VirtualClock clock = new VirtualClock();
    private final Sessions sessions = new Sessions(Optional.of("pw"), clock);

    private static String cookie(Sessions.Session s) {
        return "other=1; " + Sessions.COOKIE + "=" + s.id;
    }

    @Test
    void a_session_is_found_by_its_cookie_and_has_its_own_csrf_token() {
        Sessions.Session a = ((Sessions.Login.Ok) sessions.login("10.0.0.1", "pw")).session();
        Sessions.Session b = ((Sessions.Login.Ok) sessions.login("10.0.0.1", "pw")).session();
        assertNotEquals(a.csrf, b.csrf);
        assertEquals(a, sessions.find(cookie(a)).orElseThrow());
        assertTrue(Sessions.csrfMatches(a, a.csrf));
        assertFalse(Sessions.csrfMatches(a, b.csrf));
        assertFalse(Sessions.csrfMatches(a, null));
        assertTrue(sessions.find(Sessions.COOKIE + "=forged").isEmpty());
        assertThrows(IllegalStateException.class, sessions::open);
    }

    @Test
    void five_wrong_passwords_lock_that_address_for_a_minute_then_it_may_try_again() {
        for (int i = 0; i < Sessions.FAILURES_ALLOWED; i++) {
            assertInstanceOf(Sessions.Login.Wrong.class, sessions.login("10.0.0.2", "guess" + i));
        }
        Sessions.Login limited = sessions.login("10.0.0.2", "pw");
        assertEquals(new Sessions.Login.Limited(60), limited);
        assertInstanceOf(Sessions.Login.Ok.class, sessions.login("10.0.0.3", "pw"), "another address is not locked");
        clock.advanceTo(Sessions.LOCK_NANOS - 1_000_000_000L);
        assertInstanceOf(Sessions.Login.Limited.class, sessions.login("10.0.0.2", "pw"));
        clock.advanceTo(Sessions.LOCK_NANOS);
        assertInstanceOf(Sessions.Login.Ok.class, sessions.login("10.0.0.2", "pw"));
    }

    @Test
    void failures_spread_over_more_than_a_minute_do_not_lock() {
        for (int i = 0; i < 3 * Sessions.FAILURES_ALLOWED; i++) {
            assertInstanceOf(Sessions.Login.Wrong.class, sessions.login("10.0.0.4", "guess"));
            clock.advanceTo(clock.nanoTime() + Sessions.WINDOW_NANOS / (Sessions.FAILURES_ALLOWED - 1) + 1);
        }
    }

    @Test
    void many_addresses_together_hit_the_global_limit() {
        for (int i = 0; i < Sessions.GLOBAL_FAILURES_ALLOWED; i++) {
            sessions.login("10.0.1." + i, "guess");
        }
        assertInstanceOf(Sessions.Login.Limited.class, sessions.login("10.0.2.1", "pw"));
    }

    @Test
    void an_idle_session_expires_after_a_day() {
        Sessions.Session s = ((Sessions.Login.Ok) sessions.login("10.0.0.5", "pw")).session();
        clock.advanceTo(Sessions.IDLE_NANOS);
        assertTrue(sessions.find(cookie(s)).isPresent(), "used just in time: kept");
        clock.advanceTo(2 * Sessions.IDLE_NANOS + 1);
        assertTrue(sessions.find(cookie(s)).isEmpty());
    }

    @Test
    void basic_auth_takes_any_user_name_and_the_password() {
        String ok = "Basic " + Base64.getEncoder().encodeToString("scraper:pw".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("scraper:px".getBytes(StandardCharsets.UTF_8));
        assertTrue(sessions.basicAuth(ok));
        assertFalse(sessions.basicAuth(bad));
        assertFalse(sessions.basicAuth("Basic !!!"));
        assertFalse(sessions.basicAuth(null));
        assertFalse(new Sessions(Optional.empty(), clock).basicAuth(ok), "no password: nothing to check against");
    }
}
