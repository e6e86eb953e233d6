package io.openkws.driver.tm1622;

import io.openkws.driver.pin.InputPin;
import io.openkws.driver.pin.OutputPin;
import io.openkws.time.Clock;
import java.util.Objects;

/**
 * A {@link Tm1622Bus} on plain digital lines: Pi4J GPIO on the board, the simulated chip's pins in the simulator.
 *
 * <p>Exists so the real bus is nothing more than line writes plus waits on the injected {@link Clock}. Read-back
 * needs an RD output and an input on the DATA net ({@code dataIn}); DATA must then be wired so that driving it
 * high releases it (open-drain with a pull-up, or a pin the GPIO layer turns into an input when set high).
 */
public final class PinTm1622Bus implements Tm1622Bus {

    private final OutputPin csPin;
    private final OutputPin wrPin;
    private final OutputPin dataPin;
    private final OutputPin rdPin;
    private final InputPin dataIn;
    private final Clock clock;

    /** A write-only bus (no RD). */
    public PinTm1622Bus(OutputPin cs, OutputPin wr, OutputPin data, Clock clock) {
        this(cs, wr, data, null, null, clock);
    }

    /** A bus that can also read back, when {@code rd} and {@code dataIn} are both given (else write-only). */
    public PinTm1622Bus(OutputPin cs, OutputPin wr, OutputPin data, OutputPin rd, InputPin dataIn, Clock clock) {
        this.csPin = Objects.requireNonNull(cs, "cs");
        this.wrPin = Objects.requireNonNull(wr, "wr");
        this.dataPin = Objects.requireNonNull(data, "data");
        this.rdPin = rd;
        this.dataIn = dataIn;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void cs(boolean high) {
        csPin.set(high);
    }

    @Override
    public void wr(boolean high) {
        wrPin.set(high);
    }

    @Override
    public void data(boolean high) {
        dataPin.set(high);
    }

    @Override
    public boolean canRead() {
        return rdPin != null && dataIn != null;
    }

    @Override
    public void rd(boolean high) {
        if (rdPin == null) {
            Tm1622Bus.super.rd(high);
        }
        rdPin.set(high);
    }

    @Override
    public boolean readData() {
        if (dataIn == null) {
            return Tm1622Bus.super.readData();
        }
        return dataIn.isHigh();
    }

    @Override
    public void pause(long nanos) {
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clocking the TM1622", e);
        }
    }
}
