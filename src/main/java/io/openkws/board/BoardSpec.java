package io.openkws.board;

import io.openkws.UserInput;
import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.yaml.TextFiles;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonTiming;
import io.openkws.driver.button.Chord;
import io.openkws.driver.relay.RelayTiming;
import io.openkws.time.Clock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Every fact about one board, read from {@code hardware/<board>/board.yaml}: metering chip, UART, TM1622 lines
 * (optional: not every board has an LCD), buttons, relay coils, front-end, LCD segment map, calibration profile
 * and, for the simulated board, its simulation defaults.
 *
 * <p>Exists so board facts are data, not code: the controller, the GPIO factory and the simulator all take a
 * BoardSpec. Loading validates everything up front (missing keys, unknown keys, pins out of range or used twice,
 * timings out of range) and fails with one {@link ConfigException} line naming the file, line and key. Pins are
 * BCM GPIO numbers (0–27 on the Pi header). Durations in the file are seconds.
 *
 * @param name        the board's directory name, e.g. {@code kws302wf}
 * @param dir         the board's directory; the file names below are relative to it
 * @param meter       the metering chip ({@code meter: { chip: ht7017 | bl0942 | bl0937 }}; HT7017 when absent)
 * @param serial      the metering chip's serial port and the pins it occupies; absent on a BL0937 board (no UART)
 * @param lcd         the LCD driver's lines, absent on a board without an LCD
 * @param buttons     the four buttons' lines and the gesture timing
 * @param relay       the relay's coils, timing and optional feedback contact
 * @param frontEnd    the current front-end in use, {@code shunt} or {@code ct} (file {@code <frontEnds>/<name>.yaml})
 * @param frontEnds   the directory of the front-end files: {@code frontends}, or {@code ../<board>/frontends} to
 *                    share a sibling board's (the simulated board uses the KWS-302WF's)
 * @param lcdSegments the LCD segment map file name, present exactly when {@code lcd} is
 * @param calibration the calibration profile file name
 * @param simulation  the simulation defaults, present for simulated boards
 */
public record BoardSpec(String name, Path dir, MeterSpec meter, Optional<Uart> serial, Optional<Tm1622Pins> lcd, ButtonsSpec buttons,
                        RelaySpec relay, String frontEnd, String frontEnds, Optional<String> lcdSegments, String calibration,
                        Optional<Simulation> simulation) {

    /** Highest BCM GPIO number on the Raspberry Pi 40-pin header. */
    public static final int MAX_BCM = 27;

    /** The file holding a board's facts, inside its directory. */
    public static final String FILE_NAME = "board.yaml";

    /** Level that means "active" for a line. */
    public enum Level { HIGH, LOW }

    /** Internal bias resistor of an input line. */
    public enum Pull { UP, DOWN, OFF }

    /** A metering chip a board can carry; {@link #key()} is its name in the board file. */
    public enum Chip {
        HT7017, BL0942, BL0937;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The board's metering chip.
     *
     * @param chip the chip
     * @param baud the UART's bit rate (BL0942: 4800 by default, or what its SCLK_BPS pin selects; the HT7017 is
     *             fixed at 4800)
     */
    public record MeterSpec(Chip chip, int baud, Optional<PulsePins> pulses) {
        public static final MeterSpec HT7017 = new MeterSpec(Chip.HT7017, 4800);

        /** A UART chip's spec (no pulse lines). */
        public MeterSpec(Chip chip, int baud) {
            this(chip, baud, Optional.empty());
        }

        /** The BL0937's lines; only on a BL0937 board. */
        public PulsePins pulsePins() {
            return pulses.orElseThrow(() -> new IllegalStateException(chip.key() + " has no pulse lines"));
        }
    }

    /**
     * A BL0937's lines: the CF and CF1 pulse outputs (inputs here, with their bias) and the SEL input (an output
     * here), and the SEL level at which CF1 carries voltage (BL0937 datasheet: high; some boards invert the line).
     */
    public record PulsePins(int cf, int cf1, int sel, Level selVoltage, Pull pull) {
        public boolean selHighForVoltage() {
            return selVoltage == Level.HIGH;
        }
    }

    /** The UART the metering chip is on: {@code device} (e.g. /dev/serial0, or {@code sim}) and its TX/RX pins. */
    public record Uart(String device, int txPin, int rxPin) {
    }

    /** TM1622 lines: CS, WR, DATA, optional RD, and the bit-bang half-period. */
    public record Tm1622Pins(int cs, int wr, int data, OptionalInt rd, long halfPeriodNanos) {
    }

    /** One button's line: pressed when the line is at {@code active}. */
    public record ButtonPin(int pin, Level active, Pull pull) {
        public boolean activeHigh() {
            return active == Level.HIGH;
        }
    }

    /** The four buttons and their gesture timing. */
    public record ButtonsSpec(Map<Button, ButtonPin> pins, ButtonTiming timing) {
    }

    /** The relay's feedback contact, if wired: reads {@code closedLevel} when the contacts are closed. */
    public record Feedback(int pin, Level closedLevel, Pull pull) {
    }

    /**
     * The latching relay: ON (set) coil, OFF (reset) coil, the level that energises a coil (through the driver
     * transistor), the timing, the optional feedback contact, and the current above which contacts that should be
     * open count as welded ({@code weldedCurrent}, amps, default 0.1).
     */
    public record RelaySpec(int onCoil, int offCoil, Level coilActive, RelayTiming timing, Optional<Feedback> feedback,
                            double weldedCurrentA) {
    }

    /**
     * Defaults of the simulated board.
     *
     * @param chipUpdatePeriodNanos how often the simulated HT7017 refreshes its measurement registers
     * @param minActuationNanos     a coil pulse shorter than this does not move the simulated contacts
     * @param relayInitiallyClosed  where the simulated contacts are before the controller starts
     * @param loopFailureAfterNanos a simulated driver bug: from this long after the first read, every read of the
     *                              simulated chip throws an unexpected exception out of the control cycle, so the
     *                              fail-safe exit can be tested on a whole process (0 = never)
     * @param mainsSteps            changes of the simulated mains that {@code run} applies on its own clock
     *                              ({@code simulation.mainsSteps}), so a whole {@code run} process can be shown an
     *                              over-voltage or a heavy load; in time order ({@code simulate} uses its scenario)
     * @param chipNoise             relative standard deviation of the simulated chip's measurement noise in {@code run}
     *                              and the benchmarks ({@code simulation.chipNoise}), in place of the front-end file's;
     *                              empty: the front-end file's ({@code simulate} keeps its scenario's exact numbers)
     */
    public record Simulation(long chipUpdatePeriodNanos, long minActuationNanos, boolean relayInitiallyClosed,
                             long loopFailureAfterNanos, List<MainsStep> mainsSteps, OptionalDouble chipNoise) {

        public Simulation {
            mainsSteps = List.copyOf(mainsSteps);
        }

        /** Without chip noise of its own. */
        public Simulation(long chipUpdatePeriodNanos, long minActuationNanos, boolean relayInitiallyClosed,
                          long loopFailureAfterNanos, List<MainsStep> mainsSteps) {
            this(chipUpdatePeriodNanos, minActuationNanos, relayInitiallyClosed, loopFailureAfterNanos, mainsSteps,
                    OptionalDouble.empty());
        }

        /** Without mains steps. */
        public Simulation(long chipUpdatePeriodNanos, long minActuationNanos, boolean relayInitiallyClosed,
                          long loopFailureAfterNanos) {
            this(chipUpdatePeriodNanos, minActuationNanos, relayInitiallyClosed, loopFailureAfterNanos, List.of());
        }
    }

    /**
     * One change of the simulated mains, {@code atNanos} after {@code run} built the simulated board; absent values
     * stay as they were (before any step: 230 V, 2 A, power factor 0.95, 50 Hz).
     */
    public record MainsStep(long atNanos, OptionalDouble voltageV, OptionalDouble currentA,
                            OptionalDouble powerFactor, OptionalDouble frequencyHz) {
    }

    /** The metering chip's UART; not on a BL0937 board, whose chip pulses instead. */
    public Uart uart() {
        return serial.orElseThrow(() -> new IllegalStateException("board " + name + " has no UART (its "
                + meter.chip().key() + " pulses CF and CF1)"));
    }

    /** Whether this is a simulated board (it has a {@code simulation} section). */
    public boolean simulated() {
        return simulation.isPresent();
    }

    /** Whether the board has a TM1622 LCD (a {@code tm1622} section and an {@code lcdSegments} file). */
    public boolean hasLcd() {
        return lcd.isPresent();
    }

    /** The LCD driver's lines; only on a board with an LCD ({@link #hasLcd()}). */
    public Tm1622Pins tm1622() {
        return lcd.orElseThrow(() -> new IllegalStateException("board " + name + " has no LCD"));
    }

    /**
     * The LCD segment map file. A board without an LCD still has the panel's menu model (its buttons drive it, the
     * terminal console draws it): it uses the KWS-302WF glass as that model, {@value #DEFAULT_LCD_SEGMENTS} under
     * {@link #home()}.
     */
    public Path lcdSegmentsFile() {
        return lcdSegments.map(dir::resolve).orElseGet(() -> home().resolve(DEFAULT_LCD_SEGMENTS));
    }

    /** The segment map of the panel model of a board without an LCD (see {@link #lcdSegmentsFile()}). */
    public static final String DEFAULT_LCD_SEGMENTS = "hardware/kws302wf/lcd-segments.csv";

    /** The calibration profile file. */
    public Path calibrationFile() {
        return dir.resolve(calibration);
    }

    /** The current front-end's file, {@code <frontEnds>/<frontEnd>.yaml}. */
    public Path frontEndFile() {
        return frontEndFile(frontEnd);
    }

    /** The file of front-end {@code name} ({@code shunt} or {@code ct}) in this board's front-end directory. */
    public Path frontEndFile(String name) {
        return dir.resolve(frontEnds).resolve(name + ".yaml").normalize();
    }

    /** The project root: system property {@code openkws.home} (set by the launcher), else the working directory. */
    public static Path home() {
        String home = System.getProperty("openkws.home");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.dir")).toAbsolutePath().normalize();
    }

    /**
     * The directory of a board named as in the config's {@code board} key: a bare name ({@code sim}) means
     * {@code hardware/sim}; a relative path ({@code hardware/kws302wf}) is relative to {@code home}; an absolute
     * path is used as is.
     */
    public static Path resolve(String board, Path home) {
        String b = board.trim();
        if (b.isEmpty()) {
            throw new ConfigException("board: empty board name (use e.g. sim or hardware/kws302wf)");
        }
        Path p = Path.of(b);
        if (p.isAbsolute()) {
            return p.normalize();
        }
        if (p.getNameCount() == 1) {
            return home.resolve("hardware").resolve(b).normalize();
        }
        return home.resolve(p).normalize();
    }

    /** Loads a board named as in the config ({@code sim}, {@code hardware/kws302wf}) relative to {@link #home()}. */
    public static BoardSpec load(String board) {
        return load(resolve(board, home()));
    }

    /** Loads {@code boardDir/board.yaml}. */
    public static BoardSpec load(Path boardDir) {
        Path file = boardDir.resolve(FILE_NAME);
        String shown = displayName(file);
        String text = TextFiles.read(file, shown, shown + ": board file not found (is the board name right?)");
        Path dir = boardDir.toAbsolutePath().normalize();
        String name = dir.getFileName() != null ? dir.getFileName().toString() : dir.toString();
        return parse(ConfNode.parse(shown, text), name, dir);
    }

    /** Builds a spec from an already parsed board file. */
    public static BoardSpec parse(ConfNode root, String name, Path dir) {
        root.allowOnly("meter", "uart", "tm1622", "buttons", "relay", "frontEnd", "frontEnds", "lcdSegments",
                "calibration", "simulation");
        Pins pins = new Pins();
        MeterSpec meter = root.optChild("meter").map(m -> meter(m, pins)).orElse(MeterSpec.HT7017);

        Optional<Uart> uart;
        if (meter.chip() == Chip.BL0937) {
            if (root.has("uart")) {
                throw root.child("uart").error("a BL0937 board has no UART (the chip pulses CF and CF1): remove it");
            }
            uart = Optional.empty();
        } else {
            ConfNode u = root.child("uart").allowOnly("device", "txPin", "rxPin");
            uart = Optional.of(new Uart(u.requireString("device").trim(), pins.take(u, "txPin"), pins.take(u, "rxPin")));
            if (uart.get().device().isEmpty()) {
                throw u.child("device").error("empty device path");
            }
        }

        if (root.has("tm1622") != root.has("lcdSegments")) {
            String missing = root.has("tm1622") ? "lcdSegments" : "tm1622";
            throw root.error(missing + ": needed too (a board with an LCD has both tm1622 and lcdSegments, one "
                    + "without has neither)");
        }
        Optional<Tm1622Pins> tm = root.optChild("tm1622").map(t -> {
            t.allowOnly("cs", "wr", "data", "rd", "halfPeriod");
            return new Tm1622Pins(pins.take(t, "cs"), pins.take(t, "wr"), pins.take(t, "data"),
                    t.has("rd") ? OptionalInt.of(pins.take(t, "rd")) : OptionalInt.empty(),
                    Clock.secondsToNanos(t.number("halfPeriod", 5e-6, 1e-6, 1e-3)));
        });

        ConfNode b = root.child("buttons").allowOnly("menu", "plus", "minus", "power", "timing");
        Map<Button, ButtonPin> buttonPins = new EnumMap<>(Button.class);
        for (Button button : Button.values()) {
            ConfNode bn = b.child(button.key()).allowOnly("pin", "active", "pull");
            buttonPins.put(button, new ButtonPin(pins.take(bn, "pin"), level(bn, "active"), pull(bn)));
        }
        ButtonTiming timing = buttonTiming(b.section("timing"));

        ConfNode r = root.child("relay").allowOnly("onCoil", "offCoil", "coilActive", "pulse", "minInterval", "feedback",
                "weldedCurrent");
        int onCoil = pins.take(r, "onCoil");
        int offCoil = pins.take(r, "offCoil");
        Level coilActive = level(r, "coilActive");
        double pulse = r.requireNumber("pulse", 0.01, 1.0);
        double minInterval = r.requireNumber("minInterval", 0.0, 600.0);
        if (minInterval < pulse) {
            throw r.child("minInterval").error(minInterval + " is shorter than relay.pulse (" + pulse + ")");
        }
        Optional<Feedback> feedback = r.optChild("feedback").map(f -> {
            f.allowOnly("pin", "closedLevel", "pull");
            return new Feedback(pins.take(f, "pin"), level(f, "closedLevel"), pull(f));
        });
        double weldedCurrent = r.number("weldedCurrent", 0.1, 0.01, 10.0);
        RelaySpec relay = new RelaySpec(onCoil, offCoil, coilActive,
                new RelayTiming(Clock.secondsToNanos(pulse), Clock.secondsToNanos(minInterval)), feedback,
                weldedCurrent);

        String frontEnd = root.child("frontEnd").asChoice("shunt", "ct");
        String frontEnds = root.has("frontEnds") ? fileName(root, "frontEnds") : "frontends";
        Optional<String> lcd = root.has("lcdSegments") ? Optional.of(fileName(root, "lcdSegments")) : Optional.empty();
        String cal = fileName(root, "calibration");

        Optional<Simulation> sim = root.optChild("simulation").map(s -> {
            s.allowOnly("chipUpdatePeriod", "chipNoise", "minActuation", "relayInitiallyClosed", "loopFailureAfter",
                    "mainsSteps");
            double minActuation = s.number("minActuation", 0.02, 0.0, 1.0);
            if (minActuation > pulse) {
                throw s.child("minActuation").error(minActuation + " is longer than relay.pulse (" + pulse
                        + "): the simulated relay would never move");
            }
            return new Simulation(Clock.secondsToNanos(s.number("chipUpdatePeriod", 0.1, 0.01, 10.0)),
                    Clock.secondsToNanos(minActuation), s.onOff("relayInitiallyClosed", true),
                    Clock.secondsToNanos(s.number("loopFailureAfter", 0, 0, 86400)), mainsSteps(s),
                    s.has("chipNoise") ? OptionalDouble.of(s.number("chipNoise", 0, 0, 0.1)) : OptionalDouble.empty());
        });

        return new BoardSpec(name, dir, meter, uart, tm, new ButtonsSpec(Collections.unmodifiableMap(buttonPins), timing),
                relay, frontEnd, frontEnds, lcd, cal, sim);
    }

    /** {@code simulation.mainsSteps}: each step in time order, within a day, changing at least one value. */
    private static List<MainsStep> mainsSteps(ConfNode simulation) {
        List<MainsStep> steps = new ArrayList<>();
        double previous = 0;
        for (ConfNode n : simulation.list("mainsSteps")) {
            n.allowOnly("at", "voltage", "current", "powerFactor", "frequency");
            ConfNode atNode = n.child("at");
            double at = atNode.asNumber(0, 86400);
            if (at < previous) {
                throw atNode.error(at + " is before the previous step's " + previous + " (steps must be in time order)");
            }
            previous = at;
            MainsStep step = new MainsStep(Clock.secondsToNanos(at), optNumber(n, "voltage", 0, 500),
                    optNumber(n, "current", 0, 100), optNumber(n, "powerFactor", -1, 1),
                    optNumber(n, "frequency", 0, 100));
            if (step.voltageV().isEmpty() && step.currentA().isEmpty() && step.powerFactor().isEmpty()
                    && step.frequencyHz().isEmpty()) {
                throw n.error("step does nothing (give voltage, current, powerFactor or frequency)");
            }
            steps.add(step);
        }
        return steps;
    }

    private static OptionalDouble optNumber(ConfNode n, String key, double min, double max) {
        return n.optChild(key).map(c -> OptionalDouble.of(c.asNumber(min, max))).orElse(OptionalDouble.empty());
    }

    private static MeterSpec meter(ConfNode m, Pins pins) {
        Chip chip = Chip.valueOf(m.child("chip").asChoice("ht7017", "bl0942", "bl0937").toUpperCase(java.util.Locale.ROOT));
        if (chip == Chip.BL0937) {
            m.allowOnly("chip", "baud", "cf", "cf1", "sel", "selVoltage", "pull");
        } else {
            m.allowOnly("chip", "baud");
        }
        int baud = switch (chip) {
            case HT7017 -> {
                if (m.has("baud") && m.child("baud").asLong(0, Integer.MAX_VALUE) != 4800) {
                    throw m.child("baud").error("the HT7017 talks at 4800 baud only");
                }
                yield 4800;
            }
            case BL0942 -> {
                int b = (int) m.integer("baud", 4800, 0, Integer.MAX_VALUE);
                if (b != 4800 && b != 9600 && b != 19200 && b != 38400) {
                    throw m.child("baud").error(b + " is not a BL0942 rate (4800, 9600, 19200 or 38400)");
                }
                yield b;
            }
            case BL0937 -> {
                if (m.has("baud")) {
                    throw m.child("baud").error("the BL0937 has no UART (it pulses CF and CF1)");
                }
                yield 0;
            }
        };
        if (chip == Chip.BL0937) {
            Level selVoltage = m.has("selVoltage") ? level(m, "selVoltage") : Level.HIGH;
            return new MeterSpec(chip, baud, Optional.of(new PulsePins(pins.take(m, "cf"), pins.take(m, "cf1"),
                    pins.take(m, "sel"), selVoltage, pull(m))));
        }
        return new MeterSpec(chip, baud);
    }

    private static ButtonTiming buttonTiming(ConfNode t) {
        t.allowOnly("debounce", "longPress", "repeatDelay", "repeatInterval", "factoryResetHold");
        ButtonTiming d = ButtonTiming.DEFAULT;
        long debounce = Clock.secondsToNanos(t.number("debounce", d.debounceNanos() / 1e9, 0.0, 0.5));
        long longPress = Clock.secondsToNanos(t.number("longPress", d.longPressNanos() / 1e9, 0.1, 10.0));
        long repeatDelay = Clock.secondsToNanos(t.number("repeatDelay", d.repeatDelayNanos() / 1e9, 0.1, 10.0));
        long repeatInterval = Clock.secondsToNanos(t.number("repeatInterval", d.repeatIntervalNanos() / 1e9, 0.02, 5.0));
        long resetHold = Clock.secondsToNanos(t.number("factoryResetHold", Chord.FACTORY_RESET.holdNanos() / 1e9, 1.0, 60.0));
        if (longPress <= debounce || repeatDelay <= debounce) {
            throw t.child("debounce").error("must be shorter than longPress and repeatDelay");
        }
        return new ButtonTiming(debounce, longPress, repeatDelay, repeatInterval, d.repeating(),
                Set.of(new Chord(Chord.FACTORY_RESET.name(), Chord.FACTORY_RESET.buttons(), resetHold)));
    }

    private static Level level(ConfNode node, String key) {
        return Level.valueOf(node.child(key).asChoice("high", "low").toUpperCase(java.util.Locale.ROOT));
    }

    private static Pull pull(ConfNode node) {
        return Pull.valueOf(node.choice("pull", "off", "up", "down", "off").toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * A data file named by the board: a plain name inside the board directory, or {@code ../<board>/<name>} to
     * share a sibling board's file (the simulated board uses the KWS-302WF's segment map and calibration).
     */
    private static String fileName(ConfNode root, String key) {
        ConfNode n = root.child(key);
        String v = n.text().trim();
        String[] parts = v.split("/", -1);
        boolean plain = parts.length == 1 && isPlainName(parts[0]);
        boolean sibling = parts.length == 3 && parts[0].equals("..") && isPlainName(parts[1]) && isPlainName(parts[2]);
        if (!plain && !sibling) {
            throw n.error("'" + UserInput.shown(v) + "' must be a file name inside the board directory or ../<board>/<file>");
        }
        return v;
    }

    private static boolean isPlainName(String part) {
        return !part.isEmpty() && !part.equals(".") && !part.equals("..") && !part.contains("\\");
    }

    private static String displayName(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        for (Path base : new Path[] {home(), Path.of("").toAbsolutePath()}) {
            if (abs.startsWith(base)) {
                return base.relativize(abs).toString();
            }
        }
        return abs.toString();
    }

    /** Hands out pins and rejects one used twice, naming both keys. */
    private static final class Pins {
        private final Map<Integer, String> owners = new LinkedHashMap<>();

        int take(ConfNode parent, String key) {
            ConfNode n = parent.child(key);
            int pin = (int) n.asLong(0, MAX_BCM);
            String previous = owners.putIfAbsent(pin, n.path());
            if (previous != null) {
                throw n.error("pin " + pin + " is already used by " + previous);
            }
            return pin;
        }
    }
}
