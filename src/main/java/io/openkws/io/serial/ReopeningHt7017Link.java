package io.openkws.io.serial;

import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.time.Clock;
import java.util.function.Supplier;

/**
 * A link that opens its port when first used and again after the port failed, so a UART that is missing at start
 * or disappears while running (a USB adapter unplugged, a cable pulled) is a meter that does not answer —
 * METER_LOST, relay open, retried — and never an exit.
 *
 * <p>Exists because jSerialComm cannot recover a port whose device vanished: the dead port is closed and a new
 * one opened once the device is back. Opening is tried at most once per {@link #REOPEN_NANOS}; in between, the
 * last reason is thrown at once. Every failure is an {@link Ht7017Exception} naming the port. The simulated board
 * uses this class too (its opener fails while the simulated UART is unplugged). Not thread-safe.
 */
public final class ReopeningHt7017Link implements Ht7017Link {

    /** Shortest time between two attempts to open the port. */
    public static final long REOPEN_NANOS = 1_000_000_000L;

    private final String name;
    private final Supplier<Ht7017Link> opener;
    private final Clock clock;
    private Ht7017Link link;
    private long nextAttemptNanos;
    private boolean attempted;
    private String lastFailure;
    private long opens;

    /**
     * @param name   the port's name for messages
     * @param opener opens the port; may throw any {@link RuntimeException} with a one-line message
     */
    public ReopeningHt7017Link(String name, Supplier<Ht7017Link> opener, Clock clock) {
        this.name = name;
        this.opener = opener;
        this.clock = clock;
    }

    /** How many times the port was opened (1 after a start without trouble). */
    public long opens() {
        return opens;
    }

    /** Whether the port is open now. */
    public boolean isOpen() {
        return link != null;
    }

    @Override
    public void write(byte[] bytes) {
        Ht7017Link l = open();
        try {
            l.write(bytes);
        } catch (RuntimeException e) {
            throw dropped(e);
        }
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        Ht7017Link l = open();
        try {
            return l.read(buffer, count, timeoutNanos);
        } catch (RuntimeException e) {
            throw dropped(e);
        }
    }

    @Override
    public void flush() {
        if (link == null) {
            return;
        }
        try {
            link.flush();
        } catch (RuntimeException e) {
            throw dropped(e);
        }
    }

    @Override
    public void close() {
        if (link != null) {
            try {
                link.close();
            } catch (RuntimeException ignored) {
                // the port is gone already
            }
            link = null;
        }
    }

    private Ht7017Link open() {
        if (link != null) {
            return link;
        }
        long now = clock.nanoTime();
        if (attempted && now - nextAttemptNanos < 0) {
            throw new Ht7017Exception(lastFailure);
        }
        attempted = true;
        nextAttemptNanos = now + REOPEN_NANOS;
        try {
            link = opener.get();
            opens++;
            return link;
        } catch (RuntimeException e) {
            lastFailure = message(e);
            throw new Ht7017Exception(lastFailure);
        }
    }

    private Ht7017Exception dropped(RuntimeException e) {
        close();
        lastFailure = message(e);
        return e instanceof Ht7017Exception h ? h : new Ht7017Exception(lastFailure);
    }

    private String message(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.startsWith(name) ? m : name + ": " + m;
    }
}
