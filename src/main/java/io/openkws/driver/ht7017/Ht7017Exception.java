package io.openkws.driver.ht7017;

import io.openkws.driver.uart.UartChipException;

/**
 * An HT7017 transaction that failed even after the driver's retries (no reply, bad checksums, NAKs).
 *
 * <p>Unchecked so the steady-state read path stays free of checked-exception plumbing; the meter lets it
 * propagate so protection can count the time without a valid reading (METER_LOST).
 */
public class Ht7017Exception extends UartChipException {
    public Ht7017Exception(String message) {
        super(message);
    }
}
