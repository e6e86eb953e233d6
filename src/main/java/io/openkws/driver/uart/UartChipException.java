package io.openkws.driver.uart;

/**
 * A transaction with a metering chip on a UART that failed even after its driver's retries; each chip's driver
 * throws its own subclass.
 *
 * <p>Exists so code above the drivers (the meter) can treat any UART chip's failure alike, while a chip's own
 * code still catches its own type. Unchecked so the read path stays free of checked-exception plumbing.
 */
public class UartChipException extends RuntimeException {
    public UartChipException(String message) {
        super(message);
    }
}
