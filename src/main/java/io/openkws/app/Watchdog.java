package io.openkws.app;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a Linux hardware watchdog ({@code /dev/watchdog}) only while the control loop is healthy.
 *
 * <p>Exists so a hung JVM, a stuck serial read or a dead control thread reboots the board instead of leaving the
 * relay in whatever state it was: the loop calls {@link #feed()} after each good cycle, and if it stops, the
 * kernel's timer expires. A graceful {@link #close()} writes the magic 'V' so a deliberate stop does not reboot.
 */
public final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);

    private final OutputStream device;
    private final Path path;

    private Watchdog(Path path, OutputStream device) {
        this.path = path;
        this.device = device;
    }

    /** Opens the watchdog device; failure is a clear one-line {@link io.openkws.UserError}. */
    public static Watchdog open(Path path) {
        try {
            return new Watchdog(path, Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND));
        } catch (IOException | SecurityException e) {
            throw new io.openkws.UserError("watchdog " + path + ": cannot open (" + e.getMessage() + ")");
        }
    }

    /** Restarts the watchdog timer. */
    public synchronized void feed() {
        try {
            device.write('k');
            device.flush();
        } catch (IOException e) {
            LOG.warn("watchdog {}: feed failed: {}", path, e.getMessage());
        }
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
