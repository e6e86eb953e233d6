package io.openkws.web;

import io.openkws.time.Clock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Log-in sessions, their CSRF tokens, and the rate limit on failed log-ins.
 *
 * <p>Exists to keep every security decision of the console in one small place: a session is a random 256-bit id in
 * an HttpOnly, SameSite=Strict cookie, each with its own random CSRF token that every state-changing request must
 * echo in {@code X-CSRF-Token}. Without a password (loopback only) a session is handed out on request, so CSRF
 * protection still applies. Passwords are compared in constant time and never stored or logged in clear. After
 * {@link #FAILURES_ALLOWED} wrong passwords from one address (or {@link #GLOBAL_FAILURES_ALLOWED} from all) within a
 * minute, log-ins are refused for {@link #LOCK_NANOS}. Time comes from the injected {@link Clock}.
 */
final class Sessions {

    static final String COOKIE = "openkws_session";
    static final int FAILURES_ALLOWED = 5;
    static final int GLOBAL_FAILURES_ALLOWED = 20;
    static final long WINDOW_NANOS = 60_000_000_000L;
    static final long LOCK_NANOS = 60_000_000_000L;
    static final long IDLE_NANOS = 24 * 3600 * 1_000_000_000L;
    static final int MAX_SESSIONS = 64;
    private static final int MAX_TRACKED_ADDRESSES = 1024;

    private final byte[] passwordHash;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Failures> failures = new HashMap<>();
    private final Failures global = new Failures();

    /** A logged-in browser (or {@code curl} with a cookie jar). */
    static final class Session {
        final String id;
        final String csrf;
        long lastSeenNanos;

        Session(String id, String csrf, long now) {
            this.id = id;
            this.csrf = csrf;
            this.lastSeenNanos = now;
        }
    }

    /** The answer to a log-in attempt. */
    sealed interface Login {
        record Ok(Session session) implements Login {
        }

        record Wrong() implements Login {
        }

        record Limited(long retryAfterSeconds) implements Login {
        }
    }

    private static final class Failures {
        long windowStartNanos;
        int count;
        long lockedUntilNanos = Long.MIN_VALUE;
    }

    Sessions(Optional<String> password, Clock clock) {
        this.passwordHash = password.map(Sessions::sha256).orElse(null);
        this.clock = clock;
    }

    boolean passwordRequired() {
        return passwordHash != null;
    }

    /** The live session named by the request's cookie header, if any. */
    synchronized Optional<Session> find(String cookieHeader) {
        String id = cookie(cookieHeader);
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        long now = clock.nanoTime();
        if (s == null || now - s.lastSeenNanos > IDLE_NANOS) {
            sessions.remove(id);
            return Optional.empty();
        }
        s.lastSeenNanos = now;
        return Optional.of(s);
    }

    /** A new session without a password (only allowed when none is configured). */
    synchronized Session open() {
        if (passwordRequired()) {
            throw new IllegalStateException("a password is required");
        }
        return create();
    }

    synchronized Login login(String address, String password) {
        long now = clock.nanoTime();
        Failures mine = failures.get(address);
        long lockedUntil = Math.max(global.lockedUntilNanos, mine == null ? Long.MIN_VALUE : mine.lockedUntilNanos);
        if (now < lockedUntil) {
            return new Login.Limited(Math.max(1, (lockedUntil - now + 999_999_999L) / 1_000_000_000L));
        }
        if (passwordRequired() && !matches(password)) {
            if (mine == null) {
                if (failures.size() >= MAX_TRACKED_ADDRESSES) {
                    prune(now);
                }
                mine = new Failures();
                failures.put(address, mine);
            }
            fail(mine, now, FAILURES_ALLOWED);
            fail(global, now, GLOBAL_FAILURES_ALLOWED);
            return new Login.Wrong();
        }
        failures.remove(address);
        return new Login.Ok(create());
    }

    /** Whether an {@code Authorization: Basic} header carries the password (any user name). */
    boolean basicAuth(String authorization) {
        if (!passwordRequired() || authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon >= 0 && matches(decoded.substring(colon + 1));
    }

    synchronized void logout(Session s) {
        sessions.remove(s.id);
    }

    static boolean csrfMatches(Session s, String token) {
        return token != null && MessageDigest.isEqual(s.csrf.getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private boolean matches(String password) {
        return password != null && MessageDigest.isEqual(passwordHash, sha256(password));
    }

    private Session create() {
        long now = clock.nanoTime();
        while (sessions.size() >= MAX_SESSIONS) {
            Iterator<String> eldest = sessions.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Session s = new Session(token(), token(), now);
        sessions.put(s.id, s);
        return s;
    }

    private static void fail(Failures f, long now, int allowed) {
        if (f.count == 0 || now - f.windowStartNanos > WINDOW_NANOS) {
            f.windowStartNanos = now;
            f.count = 0;
        }
        f.count++;
        if (f.count >= allowed) {
            f.lockedUntilNanos = now + LOCK_NANOS;
            f.count = 0;
        }
    }

    private void prune(long now) {
        failures.values().removeIf(f -> now - f.windowStartNanos > WINDOW_NANOS && now >= f.lockedUntilNanos);
        if (failures.size() >= MAX_TRACKED_ADDRESSES) {
            failures.clear();
        }
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
