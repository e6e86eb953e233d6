package io.openkws.io.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.time.Clock;

/**
 * The real UART to an HT7017 through jSerialComm: 4800 baud, 8 data bits, even parity, 1 stop bit.
 *
 * <p>Exists to keep jSerialComm's quirks out of the driver (see {@link SerialUart}: settings before opening, a
 * pseudo-terminal refuses the parity bit so its configuration is left alone, reads bounded by the injected
 * clock). Not thread-safe.
 */
public final class SerialHt7017Link implements Ht7017Link {

    private final SerialUart uart;

    private SerialHt7017Link(SerialUart uart) {
        this.uart = uart;
    }

    /**
     * Opens {@code path}. A path that does not exist or cannot be opened is a {@link SerialPortException} naming it.
     */
    public static SerialHt7017Link open(String path, Clock clock) {
        return new SerialHt7017Link(SerialUart.open(path, Ht7017Frames.BAUD, SerialPort.EVEN_PARITY, clock,
                Ht7017Exception::new));
    }

    /** The path this link was opened with. */
    public String path() {
        return uart.path();
    }

    @Override
    public void write(byte[] bytes) {
        uart.write(bytes);
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        return uart.read(buffer, 0, count, timeoutNanos);
    }

    @Override
    public void flush() {
        uart.flush();
    }

    @Override
    public void close() {
        uart.close();
    }
}
