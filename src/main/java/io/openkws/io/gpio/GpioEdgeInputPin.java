package io.openkws.io.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.openkws.board.BoardSpec;
import io.openkws.driver.pin.EdgeInputPin;
import io.openkws.time.Clock;

/**
 * An {@link EdgeInputPin} on a Pi4J digital input: each state-change event is stamped with the injected clock's
 * time the moment it arrives.
 *
 * <p>Exists so the BL0937 driver measures pulse frequencies on a Pi with the Pi4J core API only (no provider-specific
 * kernel timestamps). The stamp is the event's arrival, so it carries the event thread's latency jitter (typically
 * tens of microseconds on a Pi); the driver measures over many periods, which keeps that well under its accuracy.
 * A stalled event thread is worse: its owed edges arrive late, together. The driver recognises tight bursts and
 * holds its last figure through a short silence, but a catch-up spread wider than 50 µs an edge lands in the next
 * window and can inflate one reading (seen with the simulated board in real time on a heavily loaded machine);
 * kernel event timestamps would cure it and are not reachable through the Pi4J core API.
 * Pi4J's debounce is switched off: a pulse train is not a bouncing contact.
 */
public final class GpioEdgeInputPin implements EdgeInputPin {

    private final DigitalInput input;
    private final Clock clock;

    public GpioEdgeInputPin(DigitalInput input, Clock clock) {
        this.input = input;
        this.clock = clock;
    }

    /** Creates the input {@code id} on GPIO {@code bcm}; a line that cannot be created is a {@link GpioException}. */
    public static GpioEdgeInputPin open(Context context, String id, int bcm, BoardSpec.Pull pull, Clock clock) {
        PullResistance p = switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
        try {
            return new GpioEdgeInputPin(context.create(DigitalInputConfigBuilder.newInstance(context).id(id).name(id)
                    .bcm(bcm).pull(p).debounce(0L).build()), clock);
        } catch (RuntimeException e) {
            throw new GpioException("cannot use GPIO " + bcm + " (" + id + ") as an input: " + e.getMessage(), e);
        }
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

    @Override
    public void addEdgeListener(EdgeListener listener) {
        input.addListener(event -> {
            long nanos = clock.nanoTime();
            DigitalState s = event.state();
            if (s == DigitalState.HIGH || s == DigitalState.LOW) {
                listener.edge(s == DigitalState.HIGH, nanos);
            }
        });
    }

    /** The Pi4J input underneath. */
    public DigitalInput input() {
        return input;
    }
}
