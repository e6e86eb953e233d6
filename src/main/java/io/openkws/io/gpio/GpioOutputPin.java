package io.openkws.io.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.openkws.driver.pin.OutputPin;

/**
 * An {@link OutputPin} on a Pi4J digital output, optionally inverted (for a line whose active level is low, so
 * drivers always speak in active terms: {@code set(true)} = energise).
 *
 * <p>Exists so relay and TM1622 drivers run unchanged on a Pi: this is the only place their writes meet Pi4J.
 */
public final class GpioOutputPin implements OutputPin {

    private final DigitalOutput output;
    private final boolean inverted;
    private volatile boolean level;

    public GpioOutputPin(DigitalOutput output, boolean inverted) {
        this.output = output;
        this.inverted = inverted;
        DigitalState s = output.state();
        this.level = s != null && s.isHigh() != inverted;
    }

    @Override
    public void set(boolean high) {
        output.state(high != inverted ? DigitalState.HIGH : DigitalState.LOW);
        level = high;
    }

    @Override
    public boolean isHigh() {
        return level;
    }

    /** The Pi4J output underneath. */
    public DigitalOutput output() {
        return output;
    }
}
