package io.openkws.app;

import io.openkws.board.Bl0937Lines;
import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.io.gpio.GpioBoard;
import io.openkws.io.serial.SerialBl0942Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.bl0937.Bl0937Sim;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.bl0942.SimBl0942Link;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.board.SimBoard;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.MeterChip;
import io.openkws.meter.bl0937.Bl0937Chip;
import io.openkws.meter.bl0942.Bl0942Chip;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.time.Clock;
import java.util.Optional;

/**
 * The hardware a controller drives — the metering chip's link (HT7017 or BL0942 UART, BL0937 pulse lines, as the
 * board file says), the relay, the buttons and the TM1622 lines — built either from a real board (jSerialComm and
 * Pi4J) or from the simulated one.
 *
 * <p>Exists so that everything above it (meter, protection, display, export) is assembled by one code path
 * whatever the board: the simulator replaces only what touches hardware. {@link #simulation()} gives tests, the
 * terminal and {@code simulate} access to the simulated chips ("true" mains values, buttons, the LCD glass).
 */
public final class BoardParts implements AutoCloseable {

    /** The simulated chips behind a simulated board: the metering chip's mains inputs, the board, the LCD. */
    public record Simulation(SimMains mains, SimBoard board, SimTm1622 lcd) {

        /** The simulated HT7017; only on a board with that chip. */
        public Ht7017Sim chip() {
            if (mains instanceof Ht7017Sim sim) {
                return sim;
            }
            throw new IllegalStateException("the simulated board's metering chip is not an HT7017");
        }
    }

    private final BoardSpec spec;
    /** An {@link Ht7017Link} or a {@link Bl0942Link}, as the board's chip. */
    private final AutoCloseable link;
    private final LatchingRelay relay;
    private final ButtonDriver buttons;
    private final Tm1622Lines lcdLines;
    private final Optional<Simulation> simulation;

    private BoardParts(BoardSpec spec, AutoCloseable link, LatchingRelay relay, ButtonDriver buttons, Tm1622Lines lcdLines,
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
        Ht7017Sim chip = new Ht7017Sim(clock, frontEnd, chipUpdatePeriodNanos, seed);
        return simulated(spec, clock, chip, new SimHt7017Link(chip, clock));
    }

    /**
     * The simulated board with the metering chip {@code chip} names (its model refreshing every
     * {@code chipUpdatePeriodNanos}), the current flowing only while the simulated relay's contacts are closed.
     */
    public static BoardParts simulated(BoardSpec spec, Clock clock, ChipSetup chip, long chipUpdatePeriodNanos,
                                       long seed) {
        return switch (chip) {
            case ChipSetup.Ht7017 h -> simulated(spec, clock, h.frontEnd(), chipUpdatePeriodNanos, seed);
            case ChipSetup.Bl0942 b -> {
                Bl0942Sim sim = new Bl0942Sim(clock, b.frontEnd(), chipUpdatePeriodNanos, seed);
                yield simulated(spec, clock, sim, new SimBl0942Link(sim, clock, b.baud()));
            }
            case ChipSetup.Bl0937 b -> {
                Bl0937Sim sim = new Bl0937Sim(clock, b.frontEnd(), b.pins().selHighForVoltage());
                yield simulated(spec, clock, sim,
                        new Bl0937Lines(sim.cf(), sim.cf1(), sim.sel(), b.pins().selHighForVoltage()));
            }
        };
    }

    private static BoardParts simulated(BoardSpec spec, Clock clock, SimMains chip, AutoCloseable link) {
        SimBoard board = new SimBoard(spec, clock);
        chip.setLoadConnected(board.relay()::isClosed);
        SimTm1622 lcd = new SimTm1622(clock);
        board.tm1622Cs().addListener(level -> lcd.pin(SimTm1622.Line.CS).set(level));
        board.tm1622Wr().addListener(level -> lcd.pin(SimTm1622.Line.WR).set(level));
        board.tm1622Data().addListener(level -> lcd.pin(SimTm1622.Line.DATA).set(level));
        return new BoardParts(spec, link, board.relayDriver(clock), board.buttonDriver(),
                board.tm1622(), Optional.of(new Simulation(chip, board, lcd)));
    }

    /** The real board: the metering chip's UART named by the board file and the GPIO lines through Pi4J. */
    public static BoardParts real(BoardSpec spec, Clock clock) {
        GpioBoard gpio = new GpioBoard(GpioBoard.openContext(), spec);
        AutoCloseable link = switch (spec.meter().chip()) {
            case HT7017 -> SerialHt7017Link.open(spec.uart().device(), clock);
            case BL0942 -> SerialBl0942Link.open(spec.uart().device(), spec.meter().baud(), clock);
            case BL0937 -> gpio.bl0937Lines(clock);
        };
        return new BoardParts(spec, link, gpio.relay(clock), gpio.buttonDriver(), spec.hasLcd() ? gpio.tm1622() : null,
                Optional.empty());
    }

    public BoardSpec spec() {
        return spec;
    }

    /** The HT7017's link; only on a board with that chip. */
    public Ht7017Link link() {
        if (link instanceof Ht7017Link l) {
            return l;
        }
        throw new IllegalStateException("board " + spec.name() + " has no HT7017");
    }

    /** The board's metering chip behind the meter seam, over this board's link, as {@code chip} describes it. */
    public MeterChip meterChip(ChipSetup chip, Clock clock) {
        return switch (chip) {
            case ChipSetup.Ht7017 h -> meterChip(h.profile(), clock);
            case ChipSetup.Bl0942 b -> {
                if (!(link instanceof Bl0942Link l)) {
                    throw new IllegalStateException("board " + spec.name() + " has no BL0942");
                }
                yield new Bl0942Chip(new Bl0942Driver(l, clock, b.baud(), Bl0942Driver.Options.defaults()),
                        b.profile(), clock);
            }
            case ChipSetup.Bl0937 b -> {
                if (!(link instanceof Bl0937Lines l)) {
                    throw new IllegalStateException("board " + spec.name() + " has no BL0937");
                }
                yield new Bl0937Chip(new Bl0937Driver(l.cf(), l.cf1(), l.sel(), l.selHighForVoltage(),
                        Bl0937Schedule.DEFAULT, clock), b.profile());
            }
        };
    }

    /** The board's metering chip behind the meter seam, over this board's link, calibrated by {@code profile}. */
    public MeterChip meterChip(CalibrationProfile profile, Clock clock) {
        return new Ht7017Chip(new Ht7017Driver(link(), clock), profile, clock);
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
        try {
            link.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the metering chip's link: " + e.getMessage(), e);
        }
    }
}
