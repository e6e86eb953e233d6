package io.openkws.meter;

import io.openkws.driver.uart.UartChipDriver;
import io.openkws.driver.uart.UartChipException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the register chips on a UART (HT7017, BL0942) share behind the {@link MeterChip} seam: voltage, current and
 * active power can be read again on their own, the energy counter is 24 bits wide, re-initialisation and the wire
 * counters come from the driver ({@link UartChipDriver}), and a driver failure becomes a {@link MeterException}.
 *
 * <p>Exists so each chip keeps only its own poll schedule, registers and conversions. Not thread-safe; the control
 * loop owns it.
 */
public abstract class UartMeterChip implements MeterChip {

    private static final Set<Quantity> REREADABLE =
            Collections.unmodifiableSet(EnumSet.of(Quantity.VOLTAGE, Quantity.CURRENT, Quantity.ACTIVE_POWER));

    private final UartChipDriver driver;

    protected UartMeterChip(UartChipDriver driver) {
        this.driver = driver;
    }

    /**
     * Reads the count behind {@code quantity} (voltage, current or active power) from its own register.
     *
     * @throws IllegalArgumentException for any other quantity
     * @throws UartChipException        when the driver's retries fail
     */
    protected abstract int readCount(Quantity quantity);

    /** A driver failure as the meter reports it. */
    protected static MeterException failure(UartChipException e) {
        return new MeterException(e.getMessage(), e);
    }

    @Override
    public boolean measuring() {
        try {
            return readCount(Quantity.VOLTAGE) != 0;
        } catch (UartChipException e) {
            throw failure(e);
        }
    }

    @Override
    public Set<Quantity> rereadable() {
        return REREADABLE;
    }

    @Override
    public int reread(Quantity quantity) {
        try {
            return readCount(quantity);
        } catch (UartChipException e) {
            throw failure(e);
        }
    }

    @Override
    public void reinitialise() {
        try {
            driver.reinit();
        } catch (UartChipException e) {
            throw failure(e);
        }
    }

    @Override
    public long inits() {
        return driver.inits();
    }

    @Override
    public long reinits() {
        return driver.reinits();
    }

    @Override
    public long badFrames() {
        return driver.badFrames();
    }

    /** 2^24: the energy counter is a 24-bit register that wraps. */
    @Override
    public long energyModulus() {
        return 1L << 24;
    }
}
