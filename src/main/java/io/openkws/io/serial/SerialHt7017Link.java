package io.openkws.io.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.openkws.UserError;
import io.openkws.UserInput;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The real UART to an HT7017 through jSerialComm: 4800 baud, 8 data bits, even parity, 1 stop bit.
 *
 * <p>Exists to keep jSerialComm's quirks out of the driver: the line settings are applied before the port is
 * opened; a pseudo-terminal ({@code /dev/pts/*}, also behind a symlink) refuses the parity bit, so its
 * configuration is left alone; reads use a short semi-blocking timeout and loop against the injected clock so a
 * read never blocks longer than asked. Not thread-safe.
 */
public final class SerialHt7017Link implements Ht7017Link {

    private static final int POLL_MILLIS = 5;

    private final SerialPort port;
    private final Clock clock;
    private final String path;

    private SerialHt7017Link(SerialPort port, Clock clock, String path) {
        this.port = port;
        this.clock = clock;
        this.path = path;
    }

    /**
     * Opens {@code path}. A path that does not exist, is a regular file or a directory, or cannot be opened is a
     * {@link UserError} naming it.
     */
    public static SerialHt7017Link open(String path, Clock clock) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new UserError("'" + UserInput.shown(path) + "' is not a path");
        }
        if (!Files.exists(file)) {
            throw new UserError(path + ": no such serial port");
        }
        if (Files.isRegularFile(file)) {
            throw new UserError(path + ": not a serial device (a regular file; give the UART's device, e.g."
                    + " /dev/ttyAMA0)");
        }
        if (Files.isDirectory(file)) {
            throw new UserError(path + ": not a serial device (a directory)");
        }
        String real;
        try {
            real = file.toRealPath().toString();
        } catch (IOException e) {
            throw new UserError(path + ": cannot resolve serial port: " + e.getMessage());
        }
        SerialPort port = SerialPort.getCommPort(real);
        port.setComPortParameters(Ht7017Frames.BAUD, 8, SerialPort.ONE_STOP_BIT, SerialPort.EVEN_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                POLL_MILLIS, 1000);
        if (real.startsWith("/dev/pts/")) {
            port.disablePortConfiguration();
        }
        if (!port.openPort()) {
            throw new UserError(path + ": cannot open serial port (in use, or no permission: is the user in the dialout group?)");
        }
        return new SerialHt7017Link(port, clock, path);
    }

    /** The path this link was opened with. */
    public String path() {
        return path;
    }

    @Override
    public void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new Ht7017Exception(path + ": serial write failed");
        }
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        long deadline = clock.nanoTime() + timeoutNanos;
        int got = 0;
        while (got < count) {
            int n = port.readBytes(buffer, count - got, got);
            if (n < 0) {
                throw new Ht7017Exception(path + ": serial read failed (port gone?)");
            }
            got += n;
            if (got < count && clock.nanoTime() - deadline >= 0) {
                break;
            }
        }
        return got;
    }

    @Override
    public void flush() {
        byte[] sink = new byte[64];
        while (port.bytesAvailable() > 0) {
            if (port.readBytes(sink, sink.length) <= 0) {
                break;
            }
        }
    }

    @Override
    public void close() {
        port.closePort();
    }
}
