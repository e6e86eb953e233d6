package io.openkws.io.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.openkws.driver.tuyamcu.TuyaMcuLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real UART to a TuyaMCU WiFi module through jSerialComm: 8 data bits, no parity, 1 stop bit, at the configured
 * speed (115200 on the KWS-302WF).
 *
 * <p>Exists to keep jSerialComm out of the bridge. A pseudo-terminal ({@code /dev/pts/*}, also behind a symlink) is
 * opened without touching its line settings, as for the HT7017 link. Reads are semi-blocking: they return as soon as
 * something arrived, or after the timeout. One reader thread and one writer thread may use it at once.
 */
public final class SerialTuyaMcuLink implements TuyaMcuLink {

    private final SerialPort port;
    private final String path;
    private int readTimeoutMillis = -1;

    private SerialTuyaMcuLink(SerialPort port, String path) {
        this.port = port;
        this.path = path;
    }

    /** Opens {@code path} at {@code baud} 8N1; a missing or busy port is an {@link UncheckedIOException} naming it. */
    public static SerialTuyaMcuLink open(String path, int baud) {
        Path file = Path.of(path);
        if (!Files.exists(file)) {
            throw new UncheckedIOException(new IOException(path + ": no such serial port"));
        }
        String real;
        try {
            real = file.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(new IOException(path + ": cannot resolve serial port: " + e.getMessage()));
        }
        SerialPort port = SerialPort.getCommPort(real);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, 50, 1000);
        if (real.startsWith("/dev/pts/")) {
            port.disablePortConfiguration();
        }
        if (!port.openPort()) {
            throw new UncheckedIOException(new IOException(path
                    + ": cannot open serial port (in use, or no permission: is the user in the dialout group?)"));
        }
        return new SerialTuyaMcuLink(port, path);
    }

    /** The path this link was opened with. */
    public String path() {
        return path;
    }

    @Override
    public void write(byte[] bytes) {
        int n = port.writeBytes(bytes, bytes.length);
        if (n != bytes.length) {
            throw new UncheckedIOException(new IOException(path + ": serial write failed"));
        }
    }

    @Override
    public int read(byte[] buffer, int timeoutMillis) {
        if (timeoutMillis != readTimeoutMillis) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                    Math.max(1, timeoutMillis), 1000);
            readTimeoutMillis = timeoutMillis;
        }
        int n = port.readBytes(buffer, buffer.length);
        if (n < 0) {
            throw new UncheckedIOException(new IOException(path + ": serial read failed (port gone?)"));
        }
        return n;
    }

    @Override
    public void close() {
        port.closePort();
    }
}
