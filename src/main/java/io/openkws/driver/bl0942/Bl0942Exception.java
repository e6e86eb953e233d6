package io.openkws.driver.bl0942;

import io.openkws.driver.uart.UartChipException;

/**
 * A BL0942 transaction that failed even after the driver's retries (no reply, bad checksums, a register that
 * does not keep what was written).
 *
 * <p>Unchecked so the read path stays free of checked-exception plumbing; the meter turns it into its
 * chip-neutral exception.
 */
public class Bl0942Exception extends UartChipException {
    public Bl0942Exception(String message) {
        super(message);
    }
}
