package io.openkws.io.gpio;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.openkws.driver.pin.InputPin;

/**
 * An {@link InputPin} on a Pi4J digital input, reporting the electrical level; level changes reach listeners
 * through Pi4J's state-change events.
 *
 * <p>Exists so the button driver and the relay feedback run unchanged on a Pi.
 */
public final class GpioInputPin implements InputPin {

    private final DigitalInput input;

    public GpioInputPin(DigitalInput input) {
        this.input = input;
    }

    @Override
    public boolean isHigh() {
        return input.state() == DigitalState.HIGH;
    }

    @Override
    public boolean addLevelListener(LevelListener listener) {
        input.addListener(event -> {
            DigitalState s = event.state();
            if (s == DigitalState.HIGH || s == DigitalState.LOW) {
                listener.levelChanged(s == DigitalState.HIGH);
            }
        });
        return true;
    }

    /** The Pi4J input underneath. */
    public DigitalInput input() {
        return input;
    }
}
