package io.openkws.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a Linux hardware watchdog ({@code /dev/watchdog}) only while the control loop completes its cycles.
 *
 * <p>Exists so a hung JVM, a stuck serial read or a dead control thread reboots the board instead of leaving the
 * relay in whatever state it was: the control thread calls {@link #feed()} after each completed cycle (whether or
 * not the meter answered: a lost meter is handled by protection, with the relay open), and if the loop stops or
 * hangs, the kernel's timer expires. A graceful {@link #close()} writes the magic 'V' so a deliberate stop does not
 * reboot. Feeding is one byte to a character device; a failed feed is counted, never logged from the loop.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final OutputStream device;
    private final Path path;
    private long failedFeeds;
    private String lastFailure;

    private Watchdog(Path path, OutputStream device) {
        this.path = path;
        this.device = device;
    }

    /**
     * Opens the watchdog device; failure is a clear one-line {@link StartupException}. Anything but a character
     * device is refused: a regular file would be accepted by the kernel, grow by a byte a cycle and protect
     * nothing.
     */
    public static Watchdog open(Path path) {
        String notDevice = notACharacterDevice(path);
        if (notDevice != null) {
            throw new StartupException("watchdog " + path + ": not a character device (" + notDevice
                    + "); give the watchdog device, e.g. /dev/watchdog");
        }
        try {
            return new Watchdog(path, Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException | SecurityException e) {
            throw new StartupException("watchdog " + path + ": cannot open (" + e.getMessage() + ")");
        }
    }

    /** Why {@code path} is not a character device, or null when it is one (or cannot be told, or is absent). */
    static String notACharacterDevice(Path path) {
        if (!Files.exists(path)) {
            return null;
        }
        if (Files.isRegularFile(path)) {
            return "a regular file";
        }
        if (Files.isDirectory(path)) {
            return "a directory";
        }
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            return (mode & S_IFMT) == S_IFCHR ? null : "not a character device";
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            return null;
        }
    }

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** Restarts the watchdog timer. */
    public synchronized void feed() {
        try {
            device.write('k');
            device.flush();
        } catch (IOException e) {
            failedFeeds++;
            lastFailure = e.getMessage();
        }
    }

    /** Feeds that failed so far (the device thread reports them; the control thread never logs). */
    public synchronized long failedFeeds() {
        return failedFeeds;
    }

    /** Why the last feed failed, or null. */
    public synchronized String lastFailure() {
        return lastFailure;
    }

    /** Disarms the watchdog (magic close) and releases the device. */
    @Override
    public synchronized void close() {
        try {
            device.write('V');
            device.flush();
            device.close();
        } catch (IOException e) {
            LOG.warn("watchdog {}: close failed: {}", path, e.getMessage());
        }
    }
}
