package io.openkws.board;

import io.openkws.UserInput;
import io.openkws.conf.ConfNode;
import io.openkws.conf.ConfigException;
import io.openkws.conf.TextFiles;
import io.openkws.driver.button.Button;
import io.openkws.driver.button.ButtonTiming;
import io.openkws.driver.button.Chord;
import io.openkws.driver.relay.RelayTiming;
import io.openkws.time.Clock;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Every fact about one board, read from {@code hardware/<board>/board.yaml}: UART, TM1622 lines, buttons, relay
 * coils, front-end, LCD segment map, calibration profile and, for the simulated board, its simulation defaults.
 *
 * <p>Exists so board facts are data, not code: the controller, the GPIO factory and the simulator all take a
 * BoardSpec. Loading validates everything up front (missing keys, unknown keys, pins out of range or used twice,
 * timings out of range) and fails with one {@link ConfigException} line naming the file, line and key. Pins are
 * BCM GPIO numbers (0–27 on the Pi header). Durations in the file are seconds.
 *
 * @param name        the board's directory name, e.g. {@code kws302wf}
 * @param dir         the board's directory; the file names below are relative to it
 * @param uart        the HT7017's serial port and the pins it occupies
 * @param tm1622      the LCD driver's lines
 * @param buttons     the four buttons' lines and the gesture timing
 * @param relay       the relay's coils, timing and optional feedback contact
 * @param frontEnd    the current front-end in use, {@code shunt} or {@code ct} (file {@code <frontEnds>/<name>.yaml})
 * @param frontEnds   the directory of the front-end files: {@code frontends}, or {@code ../<board>/frontends} to
 *                    share a sibling board's (the simulated board uses the KWS-302WF's)
 * @param lcdSegments the LCD segment map file name
 * @param calibration the calibration profile file name
 * @param simulation  the simulation defaults, present for simulated boards
 */
public record BoardSpec(String name, Path dir, Uart uart, Tm1622Pins tm1622, ButtonsSpec buttons, RelaySpec relay,
                        String frontEnd, String frontEnds, String lcdSegments, String calibration, Optional<Simulation> simulation) {

    /** Highest BCM GPIO number on the Raspberry Pi 40-pin header. */
    public static final int MAX_BCM = 27;

    /** The file holding a board's facts, inside its directory. */
    public static final String FILE_NAME = "board.yaml";

    /** Level that means "active" for a line. */
    public enum Level { HIGH, LOW }

    /** Internal bias resistor of an input line. */
    public enum Pull { UP, DOWN, OFF }

    /** The UART the HT7017 is on: {@code device} (e.g. /dev/serial0, or {@code sim}) and its TX/RX pins. */
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
     */
    public record Simulation(long chipUpdatePeriodNanos, long minActuationNanos, boolean relayInitiallyClosed,
                             long loopFailureAfterNanos) {
    }

    /** Whether this is a simulated board (it has a {@code simulation} section). */
    public boolean simulated() {
        return simulation.isPresent();
    }

    /** The LCD segment map file. */
    public Path lcdSegmentsFile() {
        return dir.resolve(lcdSegments);
    }

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
        root.allowOnly("uart", "tm1622", "buttons", "relay", "frontEnd", "frontEnds", "lcdSegments", "calibration",
                "simulation");
        Pins pins = new Pins();

        ConfNode u = root.child("uart").allowOnly("device", "txPin", "rxPin");
        Uart uart = new Uart(u.requireString("device").trim(), pins.take(u, "txPin"), pins.take(u, "rxPin"));
        if (uart.device().isEmpty()) {
            throw u.child("device").error("empty device path");
        }

        ConfNode t = root.child("tm1622").allowOnly("cs", "wr", "data", "rd", "halfPeriod");
        Tm1622Pins tm = new Tm1622Pins(pins.take(t, "cs"), pins.take(t, "wr"), pins.take(t, "data"),
                t.has("rd") ? OptionalInt.of(pins.take(t, "rd")) : OptionalInt.empty(),
                Clock.secondsToNanos(t.number("halfPeriod", 5e-6, 1e-6, 1e-3)));

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
        String lcd = fileName(root, "lcdSegments");
        String cal = fileName(root, "calibration");

        Optional<Simulation> sim = root.optChild("simulation").map(s -> {
            s.allowOnly("chipUpdatePeriod", "minActuation", "relayInitiallyClosed", "loopFailureAfter");
            double minActuation = s.number("minActuation", 0.02, 0.0, 1.0);
            if (minActuation > pulse) {
                throw s.child("minActuation").error(minActuation + " is longer than relay.pulse (" + pulse
                        + "): the simulated relay would never move");
            }
            return new Simulation(Clock.secondsToNanos(s.number("chipUpdatePeriod", 0.1, 0.01, 10.0)),
                    Clock.secondsToNanos(minActuation), s.onOff("relayInitiallyClosed", true),
                    Clock.secondsToNanos(s.number("loopFailureAfter", 0, 0, 86400)));
        });

        return new BoardSpec(name, dir, uart, tm, new ButtonsSpec(Collections.unmodifiableMap(buttonPins), timing),
                relay, frontEnd, frontEnds, lcd, cal, sim);
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
