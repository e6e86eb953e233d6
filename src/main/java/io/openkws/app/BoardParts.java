package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.board.Tm1622Lines;
import io.openkws.driver.button.ButtonDriver;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.driver.relay.LatchingRelay;
import io.openkws.io.gpio.GpioBoard;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonLine;
import io.openkws.io.serial.ReopeningHt7017Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.io.sim.ht7017.SimUart;
import java.util.Map;
import io.openkws.io.sim.board.SimBoard;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.SimHt7017Link;
import io.openkws.io.sim.lcd.SimTm1622;
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

    /** The simulated UART's name in messages. */
    public static final String SIM_UART = "/dev/sim-ht7017";
    /** The relay driver's own timer thread (coil pulses never wait behind other timers). */
    static final String RELAY_TIMER = "openkws-relay";

    /** The simulated chips behind a simulated board, and its unpluggable UART. */
    public record Simulation(Ht7017Sim chip, SimBoard board, SimTm1622 lcd, SimUart uart) {
    }

    private final BoardSpec spec;
    private final Ht7017Link link;
    private final LatchingRelay relay;
    private final ButtonDriver buttons;
    private final Tm1622Lines lcdLines;
    private final Optional<Simulation> simulation;
    private final VirtualButtons virtualButtons;

    private BoardParts(BoardSpec spec, Ht7017Link link, LatchingRelay relay, Map<Button, ButtonLine> buttonLines,
                       Tm1622Lines lcdLines, Optional<Simulation> simulation) {
        this.spec = spec;
        this.link = link;
        this.relay = relay;
        this.virtualButtons = new VirtualButtons();
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
     * The simulated board with the chip reached through {@code wire} (e.g. the chip served on a pseudo-terminal
     * and opened with jSerialComm, so the real serial path is measured) instead of the in-process link; null
     * keeps the in-process link.
     */
    public static BoardParts simulated(BoardSpec spec, Clock clock, FrontEnd frontEnd, long chipUpdatePeriodNanos,
                                       long seed, java.util.function.Function<Ht7017Sim, Ht7017Link> wire) {
        SimBoard board = new SimBoard(spec, clock);
        SimUart uart = new SimUart(SIM_UART);
        Ht7017Sim chip = new Ht7017Sim(clock, frontEnd, chipUpdatePeriodNanos, seed);
        chip.setLoadConnected(board.relay()::isClosed);
        SimTm1622 lcd = SimTm1622.running(clock);
        board.tm1622Cs().addListener(level -> lcd.pin(SimTm1622.Line.CS).set(level));
        board.tm1622Wr().addListener(level -> lcd.pin(SimTm1622.Line.WR).set(level));
        board.tm1622Data().addListener(level -> lcd.pin(SimTm1622.Line.DATA).set(level));
        long failAfter = spec.simulation().map(BoardSpec.Simulation::loopFailureAfterNanos).orElse(0L);
        Ht7017Link link = wire != null ? wire.apply(chip)
                : new ReopeningHt7017Link(SIM_UART, () -> uart.open(new SimHt7017Link(chip, clock)), clock);
        if (failAfter > 0) {
            link = failingAfter(link, clock, failAfter);
        }
        return new BoardParts(spec, link, board.relayDriver(clock.withOwnTimer(RELAY_TIMER)), board.buttonLines(),
                board.tm1622(), Optional.of(new Simulation(chip, board, lcd, uart)));
    }

    /**
     * The real board: the UART named by the board file (opened when first used and reopened after it failed: a
     * missing device is a meter that does not answer, not an error) and the GPIO lines through Pi4J.
     */
    public static BoardParts real(BoardSpec spec, Clock clock) {
        GpioBoard gpio = new GpioBoard(GpioBoard.openContext(), spec);
        String device = spec.uart().device();
        Ht7017Link link = new ReopeningHt7017Link(device, () -> SerialHt7017Link.open(device, clock), clock);
        return new BoardParts(spec, link, gpio.relay(clock.withOwnTimer(RELAY_TIMER)), gpio.buttonLines(),
                gpio.tm1622(), Optional.empty());
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

    public Ht7017Link link() {
        return link;
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
