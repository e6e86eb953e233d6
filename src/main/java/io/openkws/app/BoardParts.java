package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.io.gpio.GpioBoard;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.board.SimBoard;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.MeterChip;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.time.Clock;
import java.util.Optional;

/**
 * The hardware a controller drives — the HT7017 link, the relay, the buttons and the TM1622 lines — built either
 * from a real board (jSerialComm and Pi4J) or from the simulated one.
 *
 * <p>Exists so that everything above it (meter, protection, display, export) is assembled by one code path
 * whatever the board: the simulator replaces only what touches hardware. {@link #simulation()} gives tests, the
 * terminal and {@code simulate} access to the simulated chips ("true" mains values, buttons, the LCD glass).
 */
public final class BoardParts implements AutoCloseable {

    /** The simulated chips behind a simulated board. */
    public record Simulation(Ht7017Sim chip, SimBoard board, SimTm1622 lcd) {
    }

    private final BoardSpec spec;
    private final Ht7017Link link;
    private final LatchingRelay relay;
    private final ButtonDriver buttons;
    private final Tm1622Lines lcdLines;
    private final Optional<Simulation> simulation;

    private BoardParts(BoardSpec spec, Ht7017Link link, LatchingRelay relay, ButtonDriver buttons, Tm1622Lines lcdLines,
                       Optional<Simulation> simulation) {
        this.spec = spec;
        this.link = link;
        this.relay = relay;
        this.buttons = buttons;
        this.lcdLines = lcdLines;
        this.simulation = simulation;
    }

    /**
     * The simulated board: an HT7017 model (refreshing every {@code chipUpdatePeriodNanos}) whose current flows
     * only while the simulated relay's contacts are closed, a latching relay with two coils, buttons and a TM1622
     * that decodes the driver's signals.
     */
    public static BoardParts simulated(BoardSpec spec, Clock clock, FrontEnd frontEnd, long chipUpdatePeriodNanos,
                                       long seed) {
        SimBoard board = new SimBoard(spec, clock);
        Ht7017Sim chip = new Ht7017Sim(clock, frontEnd, chipUpdatePeriodNanos, seed);
        chip.setLoadConnected(board.relay()::isClosed);
        SimTm1622 lcd = new SimTm1622(clock);
        board.tm1622Cs().addListener(level -> lcd.pin(SimTm1622.Line.CS).set(level));
        board.tm1622Wr().addListener(level -> lcd.pin(SimTm1622.Line.WR).set(level));
        board.tm1622Data().addListener(level -> lcd.pin(SimTm1622.Line.DATA).set(level));
        return new BoardParts(spec, new SimHt7017Link(chip, clock), board.relayDriver(clock), board.buttonDriver(),
                board.tm1622(), Optional.of(new Simulation(chip, board, lcd)));
    }

    /** The real board: the UART named by the board file and the GPIO lines through Pi4J. */
    public static BoardParts real(BoardSpec spec, Clock clock) {
        GpioBoard gpio = new GpioBoard(GpioBoard.openContext(), spec);
        Ht7017Link link = SerialHt7017Link.open(spec.uart().device(), clock);
        return new BoardParts(spec, link, gpio.relay(clock), gpio.buttonDriver(), spec.hasLcd() ? gpio.tm1622() : null,
                Optional.empty());
    }

    public BoardSpec spec() {
        return spec;
    }

    public Ht7017Link link() {
        return link;
    }

    /** The board's metering chip behind the meter seam, over this board's link, calibrated by {@code profile}. */
    public MeterChip meterChip(CalibrationProfile profile, Clock clock) {
        return new Ht7017Chip(new Ht7017Driver(link, clock), profile, clock);
    }

    public LatchingRelay relay() {
        return relay;
    }

    public ButtonDriver buttons() {
        return buttons;
    }

    public Tm1622Lines lcdLines() {
        return lcdLines;
    }

    public Optional<Simulation> simulation() {
        return simulation;
    }

    /** Releases the chip's link and both coils; the relay's contacts stay as they are. */
    @Override
    public void close() {
        relay.close();
        link.close();
    }
}
