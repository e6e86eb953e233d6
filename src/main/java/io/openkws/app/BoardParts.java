package io.openkws.app;

import io.openkws.board.Bl0937Lines;
import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.button.ButtonLine;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.io.gpio.GpioBoard;
import io.openkws.io.serial.ReopeningHt7017Link;
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
import io.openkws.io.sim.ht7017.SimUart;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.MeterChip;
import io.openkws.meter.bl0937.Bl0937Chip;
import io.openkws.meter.bl0942.Bl0942Chip;
import io.openkws.meter.ht7017.Ht7017Chip;
import io.openkws.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /** The simulated HT7017's UART name in messages. */
    public static final String SIM_UART = "/dev/sim-ht7017";
    /** The relay driver's own timer thread (coil pulses never wait behind other timers). */
    static final String RELAY_TIMER = "openkws-relay";

    /**
     * The simulated chips behind a simulated board: the metering chip's mains inputs, the board, the LCD, and the
     * HT7017's unpluggable UART (unplugging it only matters on a board with that chip).
     */
    public record Simulation(SimMains mains, SimBoard board, SimTm1622 lcd, SimUart uart) {

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
    private final VirtualButtons virtualButtons = new VirtualButtons();
    private final Tm1622Lines lcdLines;
    private final Optional<Simulation> simulation;

    private BoardParts(BoardSpec spec, AutoCloseable link, LatchingRelay relay, Map<Button, ButtonLine> buttonLines,
                       Tm1622Lines lcdLines, Optional<Simulation> simulation) {
        this.spec = spec;
        this.link = link;
        this.relay = relay;
        this.buttons = new ButtonDriver(virtualButtons.wrap(buttonLines), spec.buttons().timing());
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
        return simulated(spec, clock, frontEnd, chipUpdatePeriodNanos, seed, null);
    }

    /**
     * The simulated HT7017 board with the chip reached through {@code wire} (e.g. the chip served on a
     * pseudo-terminal and opened with jSerialComm, so the real serial path is measured); null keeps the in-process
     * link behind the same reopening link a real UART has.
     */
    public static BoardParts simulated(BoardSpec spec, Clock clock, FrontEnd frontEnd, long chipUpdatePeriodNanos,
                                       long seed, Function<Ht7017Sim, Ht7017Link> wire) {
        Ht7017Sim chip = new Ht7017Sim(clock, frontEnd, chipUpdatePeriodNanos, seed);
        SimUart uart = new SimUart(SIM_UART);
        Ht7017Link link = wire != null ? wire.apply(chip)
                : new ReopeningHt7017Link(SIM_UART, () -> uart.open(new SimHt7017Link(chip, clock)), clock);
        long failAfter = spec.simulation().map(BoardSpec.Simulation::loopFailureAfterNanos).orElse(0L);
        if (failAfter > 0) {
            link = failingAfter(link, clock, failAfter);
        }
        return simulated(spec, clock, chip, link, uart);
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
                yield simulated(spec, clock, sim, new SimBl0942Link(sim, clock, b.baud()), new SimUart(SIM_UART));
            }
            case ChipSetup.Bl0937 b -> {
                Bl0937Sim sim = new Bl0937Sim(clock, b.frontEnd(), b.pins().selHighForVoltage());
                yield simulated(spec, clock, sim,
                        new Bl0937Lines(sim.cf(), sim.cf1(), sim.sel(), b.pins().selHighForVoltage()),
                        new SimUart(SIM_UART));
            }
        };
    }

    private static BoardParts simulated(BoardSpec spec, Clock clock, SimMains chip, AutoCloseable link,
                                        SimUart uart) {
        SimBoard board = new SimBoard(spec, clock);
        chip.setLoadConnected(board.relay()::isClosed);
        SimTm1622 lcd = SimTm1622.running(clock);
        board.tm1622Cs().addListener(level -> lcd.pin(SimTm1622.Line.CS).set(level));
        board.tm1622Wr().addListener(level -> lcd.pin(SimTm1622.Line.WR).set(level));
        board.tm1622Data().addListener(level -> lcd.pin(SimTm1622.Line.DATA).set(level));
        return new BoardParts(spec, link, board.relayDriver(clock.withOwnTimer(RELAY_TIMER)), board.buttonLines(),
                board.tm1622(), Optional.of(new Simulation(chip, board, lcd, uart)));
    }

    /**
     * The real board: the metering chip's link as the board file names it and the GPIO lines through Pi4J. An
     * HT7017 UART is opened when first used and reopened after it failed: a missing device is a meter that does not
     * answer (METER_LOST, relay open, retried), not an error.
     */
    public static BoardParts real(BoardSpec spec, Clock clock) {
        GpioBoard gpio = new GpioBoard(GpioBoard.openContext(), spec);
        AutoCloseable link = switch (spec.meter().chip()) {
            case HT7017 -> {
                String device = spec.uart().device();
                yield new ReopeningHt7017Link(device, () -> SerialHt7017Link.open(device, clock), clock);
            }
            case BL0942 -> SerialBl0942Link.open(spec.uart().device(), spec.meter().baud(), clock);
            case BL0937 -> gpio.bl0937Lines(clock);
        };
        return new BoardParts(spec, link, gpio.relay(clock.withOwnTimer(RELAY_TIMER)), gpio.buttonLines(),
                spec.hasLcd() ? gpio.tm1622() : null, Optional.empty());
    }

    /** The simulated board's driver bug ({@code simulation.loopFailureAfter}): reads throw once it is due. */
    private static Ht7017Link failingAfter(Ht7017Link link, Clock clock, long afterNanos) {
        return new Ht7017Link() {
            private long firstReadNanos = Long.MIN_VALUE;

            @Override
            public void write(byte[] bytes) {
                link.write(bytes);
            }

            @Override
            public int read(byte[] buffer, int count, long timeoutNanos) {
                long now = clock.nanoTime();
                if (firstReadNanos == Long.MIN_VALUE) {
                    firstReadNanos = now;
                } else if (now - firstReadNanos >= afterNanos) {
                    throw new IllegalStateException("simulated driver bug (board simulation.loopFailureAfter)");
                }
                return link.read(buffer, count, timeoutNanos);
            }

            @Override
            public void flush() {
                link.flush();
            }

            @Override
            public void close() {
                link.close();
            }
        };
    }

    /** The front panel's buttons as a remote front-end presses them (a virtual press adds to the real line). */
    public VirtualButtons virtualButtons() {
        return virtualButtons;
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
