package io.openkws.io.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.openkws.UserInput;
import io.openkws.time.Clock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * One open serial port through jSerialComm with the handling every metering chip's link needs: the line settings
 * are applied before the port is opened; a pseudo-terminal ({@code /dev/pts/*}, also behind a symlink) refuses
 * some settings (parity), so its configuration is left alone; reads use a short semi-blocking timeout and loop
 * against the injected clock so a read never blocks longer than asked.
 *
 * <p>Exists so the HT7017 and BL0942 links differ only in line settings and in the exception their driver
 * expects. Not thread-safe.
 */
final class SerialUart {

    private static final int POLL_MILLIS = 5;

    private final SerialPort port;
    private final Clock clock;
    private final String path;
    private final Function<String, RuntimeException> failure;

    private SerialUart(SerialPort port, Clock clock, String path, Function<String, RuntimeException> failure) {
        this.port = port;
        this.clock = clock;
        this.path = path;
        this.failure = failure;
    }

    /**
     * Opens {@code path} at {@code baud}, 8 data bits, {@code parity}, 1 stop bit. A path that does not exist or
     * cannot be opened is a {@link SerialPortException} naming it; later I/O failures become {@code failure(message)}.
     */
    static SerialUart open(String path, int baud, int parity, Clock clock, Function<String, RuntimeException> failure) {
        Path file;
        try {
            file = Path.of(path);
        } catch (InvalidPathException e) {
            throw new SerialPortException("'" + UserInput.shown(path) + "' is not a path");
        }
        if (!Files.exists(file)) {
            throw new SerialPortException(path + ": no such serial port");
        }
        if (Files.isRegularFile(file)) {
            throw new SerialPortException(path + ": not a serial device (a regular file; give the UART's device, e.g."
                    + " /dev/ttyAMA0)");
        }
        if (Files.isDirectory(file)) {
            throw new SerialPortException(path + ": not a serial device (a directory)");
        }
        String real;
        try {
            real = file.toRealPath().toString();
        } catch (IOException e) {
            throw new SerialPortException(path + ": cannot resolve serial port: " + e.getMessage());
        }
        SerialPort port = SerialPort.getCommPort(real);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, parity);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                POLL_MILLIS, 1000);
        if (real.startsWith("/dev/pts/")) {
            port.disablePortConfiguration();
        }
        if (!port.openPort()) {
            throw new SerialPortException(path + ": cannot open serial port (in use, or no permission: is the user in the dialout group?)");
        }
        return new SerialUart(port, clock, path, failure);
    }

    String path() {
        return path;
    }

    void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw failure.apply(path + ": serial write failed");
        }
    }

    int read(byte[] buffer, int offset, int count, long timeoutNanos) {
        long deadline = clock.nanoTime() + timeoutNanos;
        int got = 0;
        while (got < count) {
            int n = port.readBytes(buffer, count - got, offset + got);
            if (n < 0) {
                throw failure.apply(path + ": serial read failed (port gone?)");
            }
            got += n;
            if (got < count && clock.nanoTime() - deadline >= 0) {
                break;
            }
        }
        return got;
    }

    void flush() {
        byte[] sink = new byte[64];
        while (port.bytesAvailable() > 0) {
            if (port.readBytes(sink, sink.length) <= 0) {
                break;
            }
        }
    }

    void close() {
        port.closePort();
    }
}
