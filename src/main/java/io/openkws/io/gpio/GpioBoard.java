package io.openkws.io.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.IOType;
import com.pi4j.io.gpio.digital.DigitalInputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalOutputConfigBuilder;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.openkws.board.Bl0937Lines;
import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.button.ButtonLine;
import io.openkws.driver.pin.InputPin;
import io.openkws.driver.pin.OutputPin;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the board's GPIO lines (relay coils, buttons, relay feedback, TM1622 lines) on a Pi4J {@link Context}
 * from a {@link BoardSpec}.
 *
 * <p>Exists so pin numbers and levels come only from the board file and every line starts and shuts down in its
 * safe level: coils inactive (both relay coils off, also when Pi4J shuts down), TM1622 lines idle high. Lines are
 * created once, in the constructor, so a wrong pin or a missing permission shows up at startup.
 */
public final class GpioBoard {

    private final Context context;
    private final BoardSpec spec;
    private final OutputPin onCoil;
    private final OutputPin offCoil;
    private final Optional<InputPin> feedback;
    private final Map<Button, ButtonLine> buttons;
    private final Tm1622Lines tm1622;

    /** Creates every line of {@code spec} on {@code context}; a line that cannot be created is a {@link GpioException}. */
    public GpioBoard(Context context, BoardSpec spec) {
        this.context = context;
        this.spec = spec;
        BoardSpec.RelaySpec r = spec.relay();
        boolean coilInverted = r.coilActive() == BoardSpec.Level.LOW;
        this.onCoil = output(context, "relay-on-coil", r.onCoil(), coilInverted, false);
        this.offCoil = output(context, "relay-off-coil", r.offCoil(), coilInverted, false);
        this.feedback = r.feedback().map(f -> input(context, "relay-feedback", f.pin(), f.pull()));
        Map<Button, ButtonLine> lines = new EnumMap<>(Button.class);
        spec.buttons().pins().forEach((button, pin) -> lines.put(button,
                new ButtonLine(input(context, "button-" + button.key(), pin.pin(), pin.pull()), pin.activeHigh())));
        this.buttons = Map.copyOf(lines);
        BoardSpec.Tm1622Pins t = spec.lcd().orElse(null);
        this.tm1622 = t == null ? null : new Tm1622Lines(output(context, "tm1622-cs", t.cs(), false, true),
                output(context, "tm1622-wr", t.wr(), false, true), output(context, "tm1622-data", t.data(), false, true),
                t.rd().isPresent() ? Optional.of(output(context, "tm1622-rd", t.rd().getAsInt(), false, true)) : Optional.empty(),
                t.halfPeriodNanos());
    }

    /**
     * A Pi4J context with the GPIO providers found on the class path (the device build adds the hardware
     * provider). Without one this is a {@link GpioException} that says how to build for a device.
     */
    public static Context openContext() {
        Context context = Pi4J.newAutoContext();
        if (!context.hasProvider(IOType.DIGITAL_OUTPUT) || !context.hasProvider(IOType.DIGITAL_INPUT)) {
            context.shutdown();
            throw new GpioException("no GPIO provider found: build openkws for a device with 'mvn -Pdevice package' "
                    + "(adds the Pi4J FFM provider) or use the board 'sim'");
        }
        return context;
    }

    /** The board this was built from. */
    public BoardSpec spec() {
        return spec;
    }

    /** The relay's ON (set) coil, in coil terms ({@code set(true)} energises it). */
    public OutputPin relayOnCoil() {
        return onCoil;
    }

    /** The relay's OFF (reset) coil, in coil terms. */
    public OutputPin relayOffCoil() {
        return offCoil;
    }

    /** The relay's feedback contact, when the board has one. */
    public Optional<InputPin> relayFeedback() {
        return feedback;
    }

    /** The four buttons' lines. */
    public Map<Button, ButtonLine> buttons() {
        return buttons;
    }

    /** The TM1622's lines; only on a board with an LCD ({@link BoardSpec#hasLcd()}). */
    public Tm1622Lines tm1622() {
        if (tm1622 == null) {
            throw new IllegalStateException("board " + spec.name() + " has no LCD");
        }
        return tm1622;
    }

    /**
     * The BL0937's lines (CF and CF1 as edge inputs stamped on {@code clock}, SEL as an output starting at its
     * voltage level); only on a BL0937 board. Call once.
     */
    public Bl0937Lines bl0937Lines(Clock clock) {
        BoardSpec.PulsePins p = spec.meter().pulsePins();
        return new Bl0937Lines(GpioEdgeInputPin.open(context, "bl0937-cf", p.cf(), p.pull(), clock),
                GpioEdgeInputPin.open(context, "bl0937-cf1", p.cf1(), p.pull(), clock),
                output(context, "bl0937-sel", p.sel(), false, p.selHighForVoltage()), p.selHighForVoltage());
    }

    /** A relay driver on this board's coils (not started: call {@link LatchingRelay#startup()}). */
    public LatchingRelay relay(Clock clock) {
        BoardSpec.RelaySpec r = spec.relay();
        return new LatchingRelay(onCoil, offCoil, r.timing(), clock, feedback.orElse(null),
                r.feedback().map(f -> f.closedLevel() == BoardSpec.Level.HIGH).orElse(true));
    }

    /** A button driver on this board's buttons, with the board's timing. */
    public Map<Button, ButtonLine> buttonLines() {
        return buttons;
    }

    /** A button driver on the four buttons' lines, with the board's timing. */
    public ButtonDriver buttonDriver() {
        return new ButtonDriver(buttons, spec.buttons().timing());
    }

    private static OutputPin output(Context context, String id, int bcm, boolean inverted, boolean idleHigh) {
        DigitalState idle = idleHigh != inverted ? DigitalState.HIGH : DigitalState.LOW;
        try {
            return new GpioOutputPin(context.create(DigitalOutputConfigBuilder.newInstance(context).id(id)
                    .name(id).bcm(bcm).initial(idle).shutdown(idle).build()), inverted);
        } catch (RuntimeException e) {
            throw new GpioException("cannot use GPIO " + bcm + " (" + id + ") as an output: " + e.getMessage(), e);
        }
    }

    private static InputPin input(Context context, String id, int bcm, BoardSpec.Pull pull) {
        PullResistance p = switch (pull) {
            case UP -> PullResistance.PULL_UP;
            case DOWN -> PullResistance.PULL_DOWN;
            case OFF -> PullResistance.OFF;
        };
        try {
            return new GpioInputPin(context.create(DigitalInputConfigBuilder.newInstance(context).id(id).name(id)
                    .bcm(bcm).pull(p).debounce(0L).build()));
        } catch (RuntimeException e) {
            throw new GpioException("cannot use GPIO " + bcm + " (" + id + ") as an input: " + e.getMessage(), e);
        }
    }
}
