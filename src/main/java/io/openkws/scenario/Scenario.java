package io.openkws.scenario;

import io.openkws.UserInput;
import io.openkws.yaml.ConfNode;
import io.openkws.protect.Command;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A scenario file, the input of {@code simulate} (design.md "Scenario file"), validated.
 *
 * <p>Exists so {@code simulate} and the tests replay the same thing: the true mains and load conditions over
 * virtual time plus the user's commands and button presses. Values of a step hold until a later step changes
 * them; before the first step that sets them they are {@link Conditions#INITIAL} (230 V, 0 A, power factor 1,
 * 50 Hz). Steps are in non-decreasing {@code at} order within {@code [0, duration]}.
 *
 * @param durationSeconds         seconds of virtual time to run
 * @param chipUpdatePeriodSeconds how often the simulated HT7017 refreshes its measurement registers (default 0.1)
 * @param memory                  the relay state remembered from the previous run (for powerOnState memory;
 *                                default off)
 * @param steps                   the steps in time order
 */
public record Scenario(double durationSeconds, double chipUpdatePeriodSeconds, boolean memory, List<Step> steps) {

    /** Longest scenario accepted: 366 days of virtual time (a leap year of history). */
    public static final double MAX_DURATION_SECONDS = 366 * 86400.0;

    public Scenario {
        steps = List.copyOf(steps);
    }

    /** A board button, pressed briefly. */
    public enum Button {
        MENU, PLUS, MINUS, POWER;

        /** menu, plus, minus or power. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A fault of the simulated board, so every fail-safe path replays deterministically (design.md "Fault steps").
     * {@code rate} is used by {@link Kind#GARBAGE} only (fraction of replies preceded by garbage; 0 ends it).
     */
    public record FaultStep(Kind kind, double rate) {
        /** The fault names of scenario files. */
        public enum Kind {
            UART_LOST("uartLost"), UART_BACK("uartBack"), CHIP_SILENT("chipSilent"), CHIP_ANSWERS("chipAnswers"),
            CHIP_RESET("chipReset"), GARBAGE("garbage"), RELAY_WELDED("relayWelded"), RELAY_FREED("relayFreed"),
            COIL_FAILURE("coilFailure");

            private final String wire;

            Kind(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }

            static Optional<Kind> fromWire(String text) {
                return Arrays.stream(values()).filter(k -> k.wire.equals(text)).findFirst();
            }
        }
    }

    /**
     * One step. Absent values do not change. {@code line} is the step's line in the file (0 when built in code).
     */
    public record Step(double atSeconds, int line, OptionalDouble voltageV, OptionalDouble currentA,
                       OptionalDouble powerFactor, OptionalDouble frequencyHz, Optional<Command> command,
                       Optional<Button> button, Optional<FaultStep> fault) {

        /** A step without a fault. */
        public Step(double atSeconds, int line, OptionalDouble voltageV, OptionalDouble currentA,
                    OptionalDouble powerFactor, OptionalDouble frequencyHz, Optional<Command> command,
                    Optional<Button> button) {
            this(atSeconds, line, voltageV, currentA, powerFactor, frequencyHz, command, button, Optional.empty());
        }
    }

    /**
     * The true conditions at the meter at one moment.
     *
     * @param currentA what the load draws while the relay is closed (0 flows while it is open)
     */
    public record Conditions(double voltageV, double currentA, double powerFactor, double frequencyHz) {
        /** Before any step sets them: 230 V, 0 A, power factor 1, 50 Hz. */
        public static final Conditions INITIAL = new Conditions(230.0, 0.0, 1.0, 50.0);

        /** These conditions with a step's values applied. */
        public Conditions apply(Step step) {
            return new Conditions(step.voltageV().orElse(voltageV), step.currentA().orElse(currentA),
                    step.powerFactor().orElse(powerFactor), step.frequencyHz().orElse(frequencyHz));
        }
    }

    /** The conditions in force at {@code tSeconds}: every step with {@code at <= tSeconds} applied in order. */
    public Conditions conditionsAt(double tSeconds) {
        Conditions c = Conditions.INITIAL;
        for (Step s : steps) {
            if (s.atSeconds() > tSeconds) {
                break;
            }
            c = c.apply(s);
        }
        return c;
    }

    /** Reads and validates a scenario file; any problem is a {@link io.openkws.yaml.ConfigException}. */
    public static Scenario load(Path file) {
        return read(ConfNode.load(file));
    }

    /** Reads and validates scenario text ({@code sourceName} appears in error messages). */
    public static Scenario parse(String sourceName, String yaml) {
        return read(ConfNode.parse(sourceName, yaml));
    }

    private static Scenario read(ConfNode root) {
        root.allowOnly("duration", "chipUpdatePeriod", "memory", "steps");
        double duration = root.requireNumber("duration", 0.001, MAX_DURATION_SECONDS);
        double period = root.number("chipUpdatePeriod", 0.1, 0.01, 10.0);
        boolean memory = root.onOff("memory", false);
        List<Step> steps = new ArrayList<>();
        double previous = 0;
        for (ConfNode n : root.list("steps")) {
            n.allowOnly("at", "voltage", "current", "powerFactor", "frequency", "command", "button", "fault", "rate");
            ConfNode atNode = n.child("at");
            double at = atNode.asNumber(0, duration);
            if (at < previous) {
                throw atNode.error(plain(at) + " is before the previous step's "
                        + plain(previous) + " (steps must be in time order)");
            }
            previous = at;
            Optional<Command> command = n.optChild("command").map(c -> {
                String text = c.text().trim();
                return Command.fromWire(text).orElseThrow(() ->
                        c.error("'" + UserInput.shown(text) + "' is not one of relayOn, relayOff, resetLockout, resetEnergy"));
            });
            Optional<Button> button = n.optChild("button").map(b ->
                    Button.valueOf(b.asChoice("menu", "plus", "minus", "power").toUpperCase(Locale.ROOT)));
            Optional<FaultStep> fault = n.optChild("fault").map(f -> {
                String text = f.text().trim();
                FaultStep.Kind kind = FaultStep.Kind.fromWire(text).orElseThrow(() -> f.error("'" + text
                        + "' is not one of uartLost, uartBack, chipSilent, chipAnswers, chipReset, garbage, "
                        + "relayWelded, relayFreed, coilFailure"));
                if (kind == FaultStep.Kind.GARBAGE) {
                    return new FaultStep(kind, n.child("rate").asNumber(0, 1));
                }
                if (n.has("rate")) {
                    throw n.child("rate").error("only a garbage fault takes a rate");
                }
                return new FaultStep(kind, 0);
            });
            if (fault.isEmpty() && n.has("rate")) {
                throw n.child("rate").error("rate goes with fault: garbage");
            }
            Step step = new Step(at, n.line(), opt(n, "voltage", 0, 500), opt(n, "current", 0, 100),
                    opt(n, "powerFactor", -1, 1), opt(n, "frequency", 0, 100), command, button, fault);
            if (step.voltageV().isEmpty() && step.currentA().isEmpty() && step.powerFactor().isEmpty()
                    && step.frequencyHz().isEmpty() && command.isEmpty() && button.isEmpty() && fault.isEmpty()) {
                throw n.error("step does nothing (give voltage, current, powerFactor, frequency, command, button "
                        + "or fault)");
            }
            steps.add(step);
        }
        return new Scenario(duration, period, memory, steps);
    }

    private static OptionalDouble opt(ConfNode n, String key, double min, double max) {
        return n.optChild(key).map(c -> OptionalDouble.of(c.asNumber(min, max))).orElse(OptionalDouble.empty());
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
