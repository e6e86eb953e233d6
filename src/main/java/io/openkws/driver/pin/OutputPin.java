package io.openkws.driver.pin;

/**
 * One digital output line (a relay coil driver, a TM1622 CS/WR/DATA line), as drivers see it.
 *
 * <p>Exists so drivers are written once against a line, and get it from Pi4J on a Pi, from the simulated board,
 * or from a recorder in tests.
 */
public interface OutputPin {
    /** Drives the line high ({@code true}) or low. */
    void set(boolean high);

    /** The level last driven. */
    boolean isHigh();
}
