package io.openkws.io.serial;

import com.fazecast.jSerialComm.SerialPort;
import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.time.Clock;

/**
 * The real UART to a BL0942 through jSerialComm: 8 data bits, no parity, 1 stop bit, at 4800 baud by default (or
 * the rate the chip's SCLK_BPS pin or MODE register selects).
 *
 * <p>Exists to keep jSerialComm out of the driver (see {@link SerialUart} for the port handling). Not
 * thread-safe.
 */
public final class SerialBl0942Link implements Bl0942Link {

    private final SerialUart uart;

    private SerialBl0942Link(SerialUart uart) {
        this.uart = uart;
    }

    /** Opens {@code path} at {@code baud} 8N1; a missing or busy port is a one-line user error. */
    public static SerialBl0942Link open(String path, int baud, Clock clock) {
        return new SerialBl0942Link(SerialUart.open(path, baud, SerialPort.NO_PARITY, clock, Bl0942Exception::new));
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
    public int read(byte[] buffer, int offset, int count, long timeoutNanos) {
        return uart.read(buffer, offset, count, timeoutNanos);
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
