package io.openkws.io.sim.board;

import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.button.ButtonLine;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.time.Clock;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The simulated board's GPIO side: the latching relay with its two coils, the four buttons, the relay's feedback
 * contact (when the board file declares one) and the TM1622's lines, built from a {@link BoardSpec}.
 *
 * <p>Exists as the simulator's counterpart of {@code io.gpio.GpioBoard}: the same drivers are built on it, and
 * the simulated chips (HT7017 "load connected", TM1622 decoder) hook onto its parts.
 */
public final class SimBoard {

    private final BoardSpec spec;
    private final SimLatchingRelay relay;
    private final Map<Button, SimButton> buttons;
    private final Optional<SimInputPin> feedback;
    private final SimOutputPin cs = new SimOutputPin("tm1622-cs", true);
    private final SimOutputPin wr = new SimOutputPin("tm1622-wr", true);
    private final SimOutputPin data = new SimOutputPin("tm1622-data", true);
    private final Optional<SimOutputPin> rd;

    /** Builds the simulated parts of {@code spec}; a spec without a simulation section uses the sim defaults. */
    public SimBoard(BoardSpec spec, Clock clock) {
        this.spec = spec;
        BoardSpec.Simulation sim = spec.simulation().orElse(new BoardSpec.Simulation(100_000_000L, 20_000_000L, true, 0));
        this.relay = new SimLatchingRelay(clock, sim.minActuationNanos(), sim.relayInitiallyClosed());
        Map<Button, SimButton> b = new EnumMap<>(Button.class);
        spec.buttons().pins().forEach((button, pin) -> b.put(button, new SimButton(button, pin.activeHigh())));
        this.buttons = Collections.unmodifiableMap(b);
        this.feedback = spec.relay().feedback().map(f -> {
            boolean closedHigh = f.closedLevel() == BoardSpec.Level.HIGH;
            SimInputPin pin = new SimInputPin(relay.isClosed() == closedHigh);
            relay.addContactListener(closed -> pin.drive(closed == closedHigh));
            return pin;
        });
        this.rd = spec.tm1622().rd().isPresent() ? Optional.of(new SimOutputPin("tm1622-rd", true)) : Optional.empty();
    }

    public BoardSpec spec() {
        return spec;
    }

    /** The simulated relay (contacts, fault flag). */
    public SimLatchingRelay relay() {
        return relay;
    }

    /** The simulated button for {@code button}. */
    public SimButton button(Button button) {
        return buttons.get(button);
    }

    /** The TM1622's lines, for the TM1622 bus and the TM1622 simulator. */
    public Tm1622Lines tm1622() {
        return new Tm1622Lines(cs, wr, data, rd.map(p -> p), spec.tm1622().halfPeriodNanos());
    }

    /** The TM1622 lines as simulated pins, so the TM1622 simulator can listen to them: cs, wr, data. */
    public SimOutputPin tm1622Cs() {
        return cs;
    }

    public SimOutputPin tm1622Wr() {
        return wr;
    }

    public SimOutputPin tm1622Data() {
        return data;
    }

    public Optional<SimOutputPin> tm1622Rd() {
        return rd;
    }

    /** A relay driver on the simulated coils (not started: call {@link LatchingRelay#startup()}). */
    public LatchingRelay relayDriver(Clock clock) {
        BoardSpec.RelaySpec r = spec.relay();
        return new LatchingRelay(relay.onCoil(), relay.offCoil(), r.timing(), clock, feedback.orElse(null),
                r.feedback().map(f -> f.closedLevel() == BoardSpec.Level.HIGH).orElse(true));
    }

    /** The simulated buttons' lines. */
    public Map<Button, ButtonLine> buttonLines() {
        Map<Button, ButtonLine> lines = new EnumMap<>(Button.class);
        buttons.forEach((button, sb) -> lines.put(button, sb.line()));
        return lines;
    }

    /** A button driver on the simulated buttons, with the board's timing. */
    public ButtonDriver buttonDriver() {
        Map<Button, ButtonLine> lines = new EnumMap<>(Button.class);
        buttons.forEach((button, sb) -> lines.put(button, sb.line()));
        return new ButtonDriver(lines, spec.buttons().timing());
    }
}
