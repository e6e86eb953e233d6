package io.openkws.cli;

import io.openkws.driver.tm1622.RamImage;
import io.openkws.io.trace.RecordingTm1622Bus;
import io.openkws.driver.tm1622.Tm1622Bus;
import io.openkws.driver.tm1622.Tm1622Driver;
import io.openkws.time.VirtualClock;
import io.openkws.ui.LcdFrame;
import io.openkws.ui.SegmentMap;
import io.openkws.ui.SvgRenderer;
import io.openkws.ui.TerminalRenderer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code openkws lcd}: tools for the TM1622 display — draw a text as the panel would show it, record the bus trace
 * the driver produces for it, and probe a real panel segment by segment to build its segment map.
 *
 * <p>Exists so the display can be developed, documented and mapped without reading code. The bus for
 * {@code probe} comes from a {@link BusFactory}, so the same command runs on the board's GPIO and, in tests, on
 * the simulated chip with scripted answers.
 */
@Command(name = "lcd", mixinStandardHelpOptions = true,
        description = "LCD tools: render a text, record the TM1622 bus trace, probe a panel's segment map.",
        subcommands = {LcdCommand.Render.class, LcdCommand.Trace.class, LcdCommand.Probe.class})
public final class LcdCommand implements Runnable {

    /** Where the default segment map lives, relative to the openkws home (the repository root). */
    public static final String DEFAULT_SEGMENTS = "hardware/kws302wf/lcd-segments.csv";

    /** Opens the board's TM1622 bus; throws a {@link UserError} with one clear line when there is none. */
    @FunctionalInterface
    public interface BusFactory {
        Tm1622Bus open();
    }

    private final BusFactory busFactory;
    private final InputStream in;

    @Spec
    CommandSpec spec;

    /** The command with no board bus wired in ({@code probe} then says so) reading answers from stdin. */
    public LcdCommand() {
        this(LcdCommand::noBus, System.in);
    }

    /** The command with the board's bus factory and the stream {@code probe} reads answers from. */
    public LcdCommand(BusFactory busFactory, InputStream in) {
        this.busFactory = Objects.requireNonNull(busFactory, "busFactory");
        this.in = Objects.requireNonNull(in, "in");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Tm1622Bus noBus() {
        if (!Files.exists(Path.of("/dev/gpiochip0"))) {
            throw new UserError("lcd probe needs the meter's TM1622 wired to GPIO, and this machine has no GPIO "
                    + "(no /dev/gpiochip0)");
        }
        throw new UserError("lcd probe needs the meter's TM1622 wired to GPIO, and this build has no GPIO bus "
                + "configured for it");
    }

    /** The {@code --segments} option every subcommand shares. */
    static final class SegmentsOption {
        @Option(names = "--segments", paramLabel = "FILE",
                description = "segment map CSV (default: " + DEFAULT_SEGMENTS + " of the openkws home)")
        Path segments;

        SegmentMap load() {
            return SegmentMap.load(segments != null ? segments : defaultSegments());
        }
    }

    /** The default segment map: under the launcher's {@code openkws.home}, else under the working directory. */
    static Path defaultSegments() {
        String home = System.getProperty("openkws.home");
        Path base = home != null ? Path.of(home) : Path.of("");
        return base.resolve(DEFAULT_SEGMENTS);
    }

    /** {@code lcd render}: the terminal picture of a text, and optionally an SVG. */
    @Command(name = "render", mixinStandardHelpOptions = true,
            description = "Draw TEXT as the LCD shows it (terminal picture; SVG with --svg).")
    static final class Render implements Runnable {
        @Mixin
        SegmentsOption segments;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "text for the field")
        String text;

        @Option(names = "--field", defaultValue = "main", paramLabel = "NAME",
                description = "digit field (default: ${DEFAULT-VALUE})")
        String field;

        @Option(names = "--icon", paramLabel = "NAME", description = "also light icon NAME (repeatable), e.g. V, kWh")
        List<String> icons = new ArrayList<>();

        @Option(names = "--svg", paramLabel = "FILE", description = "also write an SVG picture to FILE")
        Path svg;

        @Option(names = "--ansi", description = "draw unlit segments dim with ANSI colours")
        boolean ansi;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            SegmentMap map = segments.load();
            LcdFrame frame = LcdFrame.text(field, text);
            for (String icon : icons) {
                frame = frame.withIcon(icon);
            }
            RamImage image = frame.toRam(map, true);
            PrintWriter out = spec.commandLine().getOut();
            out.print(new TerminalRenderer(map, ansi).render(image));
            out.flush();
            if (svg != null) {
                writeFile(svg, new SvgRenderer(map).render(image));
            }
        }
    }

    /** {@code lcd trace}: the bit-level bus trace from idle through init to TEXT on {@code main}. */
    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Write the TM1622 bus trace (CSV time,CS,WR,DATA) the driver produces to show TEXT.")
    static final class Trace implements Runnable {
        @Mixin
        SegmentsOption segments;

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "text for field main")
        String text;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "CSV file to write")
        Path out;

        @Option(names = "--half-period-us", defaultValue = "5", paramLabel = "US",
                description = "serial clock half-period in microseconds (default: ${DEFAULT-VALUE})")
        double halfPeriodMicros;

        @Override
        public void run() {
            if (!(halfPeriodMicros >= 0.1 && halfPeriodMicros <= 10_000)) {
                throw new UserError("--half-period-us must be 0.1..10000, got " + halfPeriodMicros);
            }
            SegmentMap map = segments.load();
            RamImage image = LcdFrame.text("main", text).toRam(map, true);
            writeFile(out, trace(image, Math.round(halfPeriodMicros * 1000)));
        }
    }

    /** The CSV trace of the driver initialising the chip and then showing {@code image}, in virtual time. */
    static String trace(RamImage image, long halfPeriodNanos) {
        VirtualClock clock = new VirtualClock();
        RecordingTm1622Bus bus = new RecordingTm1622Bus(clock);
        Tm1622Driver driver = new Tm1622Driver(bus, halfPeriodNanos);
        driver.init();
        driver.show(image);
        driver.flush();
        return bus.toCsv();
    }

    /** {@code lcd probe}: lights each RAM bit alone on the real panel and asks what lit. */
    @Command(name = "probe", mixinStandardHelpOptions = true,
            description = "Light one TM1622 RAM bit at a time on the meter, ask what lit, write a segment map CSV.")
    static final class Probe implements Runnable {
        @ParentCommand
        LcdCommand parent;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "segment map CSV to write")
        Path out;

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            Tm1622Bus bus = parent.busFactory.open();
            PrintWriter console = spec.commandLine().getOut();
            BufferedReader answers = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
            Tm1622Driver driver = new Tm1622Driver(bus);
            driver.init();
            console.println("Probing 64 addresses x 4 bits. For each, type the segment that lit (main.1.a, "
                    + "main.2.dp, icon.kWh...), Enter if nothing lit, q to stop and save.");
            Map<String, RamImage.Position> found = new LinkedHashMap<>();
            probing:
            for (int address = 0; address < RamImage.ADDRESSES; address++) {
                for (int bit = 0; bit < RamImage.BITS; bit++) {
                    driver.show(RamImage.BLANK.withBit(address, bit, true));
                    driver.flush();
                    String answer = ask(console, answers, address, bit, found);
                    if (answer == null) {
                        break probing;
                    }
                    if (!answer.isEmpty()) {
                        found.put(answer, new RamImage.Position(address, bit));
                    }
                }
            }
            driver.show(RamImage.BLANK);
            driver.flush();
            StringBuilder csv = new StringBuilder("# segment map measured with openkws lcd probe\n"
                    + "segment,address,bit\n");
            found.forEach((name, p) -> csv.append(name).append(',').append(p.address()).append(',')
                    .append(p.bit()).append('\n'));
            writeFile(out, csv.toString());
            console.println("wrote " + found.size() + " segments to " + out);
            try {
                SegmentMap.parse(csv.toString().lines().toList(), out.toString());
            } catch (io.openkws.yaml.ConfigException incomplete) {
                console.println("note: the map is not complete yet: " + incomplete.getMessage());
            }
            console.flush();
        }

        /** The validated answer: a segment name, "" for nothing, null to stop. */
        private static String ask(PrintWriter console, BufferedReader answers, int address, int bit,
                Map<String, RamImage.Position> found) {
            while (true) {
                console.print("address " + address + " bit " + bit + ": what lit? ");
                console.flush();
                String line;
                try {
                    line = answers.readLine();
                } catch (IOException e) {
                    throw new UserError("cannot read the answer: " + e.getMessage(), e);
                }
                if (line == null) {
                    console.println();
                    return null;
                }
                String answer = line.strip();
                if (answer.equals("q")) {
                    return null;
                }
                if (answer.isEmpty()) {
                    return answer;
                }
                if (!SegmentMap.validName(answer)) {
                    console.println("  '" + answer + "' is not a segment name (<field>.<pos>.<a..g|dp> or "
                            + "icon.<name>); try again");
                } else if (found.containsKey(answer)) {
                    console.println("  " + answer + " was already seen at " + found.get(answer) + "; try again");
                } else {
                    return answer;
                }
            }
        }
    }

    static void writeFile(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
