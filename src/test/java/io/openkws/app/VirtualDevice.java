package io.openkws.app;

import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.button.Button;
import io.openkws.io.sim.board.SimButton;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.protect.Event;
import io.openkws.time.Clock;
import io.openkws.time.VirtualClock;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.TerminalRenderer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The whole device as {@code run} assembles it ({@link Device#assemble}: state directory, saved settings, control
 * loop, panel, TM1622 driver) on the simulated board, driven in virtual time on one thread: the control loop runs
 * cycle after cycle and the panel pass is a task every {@link Device#PANEL_PERIOD_NANOS}, so it runs whenever the
 * loop waits on the serial wire, as the panel thread would.
 *
 * <p>Exists so tests can press the simulated buttons, change the simulated mains and read the simulated glass
 * (the SimTm1622 RAM decoded from the driver's pin signals) through the real chain, fast and reproducibly.
 */
final class VirtualDevice implements AutoCloseable {

    /** The local date of every virtual run. */
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final long SEED = 302;
    private static final String CHARS = "0123456789 -_°AbCcdEFGHhIJKLnoPqrtUuY";

    private final VirtualClock clock = new VirtualClock();
    private final BoardParts parts;
    private final BoardParts.Simulation sim;
    private final Device device;
    private final List<Event> events = new ArrayList<>();

    /** A device for {@code config} (its {@code state} directory replaced by {@code stateDirectory}) on 230 V, 2 A. */
    VirtualDevice(Config config, Path stateDirectory) {
        BoardSpec board = BoardSpec.load(config.board());
        parts = BoardParts.simulated(board, clock, FrontEnd.load(board.frontEndFile()),
                board.simulation().orElseThrow().chipUpdatePeriodNanos(), SEED);
        sim = parts.simulation().orElseThrow();
        mains(230.0);
        load(2.0);
        sim.chip().setPowerFactor(1.0);
        sim.chip().setFrequencyHz(50.0);
        Config here = new Config(config.board(), config.protection(), config.powerOnState(), config.mqtt(),
                stateDirectory, config.watchdog(), config.display());
        device = Device.assemble(here, clock, parts, () -> DAY);
        device.addEventListener(events::add);
        device.controller().start();
        clock.schedule(Device.PANEL_PERIOD_NANOS, new Runnable() {
            @Override
            public void run() {
                device.panelPass(clock.nanoTime());
                clock.schedule(Device.PANEL_PERIOD_NANOS, this);
            }
        });
    }

    Device device() {
        return device;
    }

    Controller.Status status() {
        return device.controller().status();
    }

    Ht7017Sim chip() {
        return sim.chip();
    }

    /** The simulated relay's contacts (not what the driver believes). */
    boolean contactsClosed() {
        return sim.board().relay().isClosed();
    }

    /** Events so far (relay, trip, refused, lockout). */
    List<Event> events() {
        return List.copyOf(events);
    }

    /** Seconds since the controller started. */
    double seconds() {
        return (clock.nanoTime() - device.controller().originNanos()) / 1e9;
    }

    void mains(double voltageV) {
        sim.chip().setVoltageV(voltageV);
    }

    void load(double currentA) {
        sim.chip().setCurrentA(currentA);
    }

    /** Runs the device for {@code seconds} of virtual time. */
    void run(double seconds) {
        long end = clock.nanoTime() + Clock.secondsToNanos(seconds);
        while (clock.nanoTime() - end < 0) {
            device.step();
        }
    }

    /** Runs until {@code condition} holds (checked after every control cycle) or {@code maxSeconds} pass. */
    boolean runUntil(double maxSeconds, BooleanSupplier condition) {
        long end = clock.nanoTime() + Clock.secondsToNanos(maxSeconds);
        while (!condition.getAsBoolean()) {
            if (clock.nanoTime() - end >= 0) {
                return false;
            }
            device.step();
        }
        return true;
    }

    /** Presses {@code buttons} together now and releases them after {@code holdSeconds}; returns at once. */
    void press(double holdSeconds, Button... buttons) {
        for (Button b : buttons) {
            SimButton button = sim.board().button(b);
            button.press();
            clock.schedule(Clock.secondsToNanos(holdSeconds), button::release);
        }
    }

    /** Presses {@code buttons} for {@code holdSeconds}, then lets {@code afterSeconds} pass. */
    void click(Button button, double holdSeconds, double afterSeconds) {
        press(holdSeconds, button);
        run(holdSeconds + afterSeconds);
    }

    /** What the glass shows now (blank while the chip's oscillator or bias is off). */
    Set<String> litSegments() {
        return segments().litSegments(sim.lcd().visible());
    }

    SegmentMap segments() {
        return device.segments();
    }

    /** The text on {@code field} as the glass shows it, each digit read back through the font. */
    String text(String field) {
        return decode(litSegments(), field);
    }

    /**
     * {@code text} on {@code field} as the glass would show it, in the same spelling as {@link #text}
     * (the font draws some characters alike: 0 and O, 5 and S, U and V).
     */
    String glassSpelling(String field, String text) {
        return decode(LcdFrame.text(field, text).litSegments(segments(), true), field);
    }

    /** The glass as {@code run}'s terminal console draws it (plain mode). */
    String terminalPicture() {
        return new TerminalRenderer(segments(), false).render(sim.lcd().visible());
    }

    /** {@code frame} as the terminal console would draw it on a glass showing exactly that frame. */
    String terminalPicture(LcdFrame frame) {
        return new TerminalRenderer(segments(), false).render(frame.toRam(segments(), true));
    }

    /** Protocol or timing violations the simulated TM1622 saw in the driver's signals. */
    List<SimTm1622.Violation> lcdViolations() {
        return sim.lcd().violations();
    }

    /** Whether {@code field} shows exactly {@code text}. */
    boolean shows(String field, String text) {
        return text(field).equals(glassSpelling(field, text));
    }

    boolean iconLit(String icon) {
        return litSegments().contains("icon." + icon);
    }

    private String decode(Set<String> lit, String field) {
        StringBuilder text = new StringBuilder();
        for (int digit = 1; digit <= segments().digits(field); digit++) {
            int mask = 0;
            for (int s = 0; s < 7; s++) {
                if (lit.contains(field + "." + digit + "." + SegmentMap.DIGIT_SEGMENTS.get(s))) {
                    mask |= 1 << s;
                }
            }
            text.append(glyph(mask));
            if (lit.contains(field + "." + digit + ".dp")) {
                text.append('.');
            }
        }
        return text.toString();
    }

    private static char glyph(int mask) {
        for (char c : CHARS.toCharArray()) {
            if (io.openkws.ui.SevenSegmentFont.mask(c) == mask) {
                return c;
            }
        }
        return '?';
    }

    /** Stops the device as SIGTERM would: state saved, chip link and coils released. */
    @Override
    public void close() {
        device.close();
    }
}
