package io.openkws.cli;

import io.openkws.board.Bl0937Lines;
import io.openkws.board.BoardSpec;
import io.openkws.cli.calibrate.CalibrationWizard;
import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.driver.bl0942.Bl0942Driver;
import io.openkws.driver.bl0942.Bl0942Exception;
import io.openkws.driver.bl0942.Bl0942Link;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.io.gpio.GpioBoard;
import io.openkws.io.serial.SerialBl0942Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.bl0937.Bl0937Profile;
import io.openkws.meter.bl0942.Bl0942Profile;
import io.openkws.meter.calibration.Bl0937Target;
import io.openkws.meter.calibration.Bl0942Target;
import io.openkws.meter.calibration.CalibrationCancelled;
import io.openkws.meter.calibration.CalibrationSession;
import io.openkws.meter.calibration.CalibrationTarget;
import io.openkws.meter.calibration.FrontEndSetup;
import io.openkws.meter.calibration.ProfileFile;
import io.openkws.meter.calibration.Progress;
import io.openkws.meter.calibration.Reference;
import io.openkws.meter.calibration.Sampler;
import io.openkws.meter.calibration.SoftwareCalibrationSession;
import io.openkws.meter.calibration.Verification;
import io.openkws.time.Clock;
import io.openkws.time.SystemClock;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openkws calibrate}: bench calibration of the board's metering chip: the HT7017 with a shunt or a current
 * transformer (its registers and software scales), the BL0942 and the BL0937 (software gain and offset per channel
 * on top of their datasheet scales, {@link SoftwareCalibrationSession}). Without
 * reference flags it runs the interactive wizard; with {@code --voltage --current --power} it calibrates from one
 * reference point; {@code calibrate verify} compares a profile with reference points and can refit its scales.
 * The result is a calibration profile file that {@code read --calibration} and {@code run} load.
 *
 * <p>Exists as the user's entry to {@link CalibrationSession} and {@link SoftwareCalibrationSession}: it opens the
 * chip as the board file says (UART port, or the BL0937's pulse lines), picks the front-end file from the board, writes the profile only when every step succeeded, and puts the chip's registers back on a cancel
 * (Ctrl-C included).
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true, subcommands = CalibrateCommand.Verify.class,
        description = {"Bench calibration wizard (interactive), or one reference point with --voltage --current --power.",
                "Writes a calibration profile for read --calibration and run."})
public final class CalibrateCommand implements Callable<Integer> {

    static final String DEFAULT_BOARD = "hardware/kws302wf";

    /** Opens the link to the chip (a serial port; tests put the simulator here). */
    @FunctionalInterface
    interface Connector {
        Ht7017Link open(String port, Clock clock);
    }

    /** Opens a BL0942's UART (tests put the simulator here). */
    @FunctionalInterface
    interface Bl0942Connector {
        Bl0942Link open(String port, int baud, Clock clock);
    }

    /** A BL0937's lines and what releases them. */
    record PulseLines(Bl0937Lines lines, AutoCloseable release) {
    }

    /** Opens a BL0937's CF, CF1 and SEL lines as the board file names them (tests put the simulator here). */
    @FunctionalInterface
    interface Bl0937Connector {
        PulseLines open(BoardSpec board, Clock clock);
    }

    Connector connector = SerialHt7017Link::open;
    Bl0942Connector bl0942Connector = SerialBl0942Link::open;
    Bl0937Connector bl0937Connector = (board, clock) -> {
        com.pi4j.context.Context context = GpioBoard.openContext();
        try {
            return new PulseLines(new GpioBoard(context, board).bl0937Lines(clock), context::shutdown);
        } catch (RuntimeException e) {
            context.shutdown();
            throw e;
        }
    };
    Clock clock = SystemClock.instance();
    InputStream in = System.in;
    CalibrationSession.Options sessionOptions = CalibrationSession.Options.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PATH", description = "Serial port of the HT7017 or BL0942 (required for them; a BL0937 uses the board's pins).")
    String port;

    @Option(names = "--board", paramLabel = "DIR", defaultValue = DEFAULT_BOARD, description = "Board directory with frontends/ (default: ${DEFAULT-VALUE}).")
    String board;

    @Option(names = "--frontend", paramLabel = "shunt|ct", description = "Current front-end (default: the board's; the wizard asks).")
    String frontEnd;

    @Option(names = "--out", paramLabel = "FILE", description = "Calibration profile to write (required).")
    Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Profile name (default: <board>-<frontend>-calibrated).")
    String name;

    @Option(names = "--voltage", paramLabel = "V", description = "Reference RMS voltage (non-interactive form).")
    Double voltageV;

    @Option(names = "--current", paramLabel = "A", description = "Reference RMS current (non-interactive form).")
    Double currentA;

    @Option(names = "--power", paramLabel = "W", description = "Reference active power (non-interactive form).")
    Double powerW;

    @Option(names = "--power-factor", paramLabel = "PF", defaultValue = "1", description = "Reference power factor, inductive (default: ${DEFAULT-VALUE}, resistive load). Below 1 also calibrates the phase.")
    double powerFactor;

    @Option(names = "--from", paramLabel = "FILE", description = "Non-interactive: the profile whose offsets are kept, since this form measures no zero (default: the board's calibration profile). BL0942/BL0937: also the datasheet scales and registers calibrated on.")
    Path from;

    @Option(names = "--energy-seconds", paramLabel = "S", defaultValue = "0", description = "Non-interactive: also count energy pulses for S seconds (default: ${DEFAULT-VALUE} = skip).")
    double energySeconds;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (out == null) {
            throw new UserError("calibrate needs --out FILE (see --help)");
        }
        boolean nonInteractive = voltageV != null || currentA != null || powerW != null;
        Reference ref = null;
        if (nonInteractive) {
            if (voltageV == null || currentA == null || powerW == null) {
                throw new UserError("the non-interactive form needs --voltage, --current and --power together");
            }
            ref = Reference.of(voltageV, currentA, powerW, powerFactor);
            if (!(energySeconds == 0 || (energySeconds >= 10 && energySeconds <= 3600))) {
                throw new UserError("--energy-seconds must be 0 or within 10..3600, not " + energySeconds);
            }
        }
        BoardSpec spec = BoardSpec.load(BoardSpec.resolve(board, BoardSpec.home()));
        if (spec.meter().chip() != BoardSpec.Chip.HT7017) {
            return callSoftware(spec, nonInteractive, ref, o);
        }
        if (port == null) {
            throw new UserError("calibrate needs --port PATH for the HT7017 (see --help)");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CalibrationWizard wizard = new CalibrationWizard(reader, o);
        String fe = frontEnd != null ? checkFrontEnd(frontEnd) : nonInteractive ? spec.frontEnd() : wizard.chooseFrontEnd(spec.frontEnd());
        FrontEndSetup setup = FrontEndSetup.load(spec.frontEndFile(fe));
        String profileName = name != null ? name : spec.name() + "-" + fe + "-calibrated";
        CalibrationProfile known = nonInteractive ? CalibrationProfile.load(from != null ? from : spec.calibrationFile()) : null;
        try (Ht7017Link link = connector.open(port, clock)) {
            CalibrationSession session = new CalibrationSession(new Ht7017Driver(link, clock), clock, setup, sessionOptions);
            Thread hook = new Thread(() -> {
                session.cancel();
                session.restore();
            }, "openkws-calibrate-restore");
            Runtime.getRuntime().addShutdownHook(hook);
            CalibrationProfile profile;
            try {
                profile = nonInteractive ? oneReference(session, ref, known, o, profileName) : wizard.run(session, profileName);
            } catch (Ht7017Exception e) {
                restoreQuietly(session);
                throw new UserError("HT7017 on " + port + " stopped answering: " + e.getMessage());
            } catch (RuntimeException e) {
                restoreQuietly(session);
                throw e;
            } finally {
                removeHook(hook);
            }
            ProfileFile.write(profile, out);
            o.printf(Locale.ROOT, "Wrote %s (%s). Check it: ./openkws calibrate verify --port %s --calibration %s --point V,I,P%n",
                    out, profile.name(), port, out);
            o.flush();
        } catch (Ht7017Exception e) {
            throw new UserError("no HT7017 answered on " + port);
        }
        return 0;
    }

    /** A software-calibrated chip opened for calibration or verification, and what closes it. */
    record Opened(CalibrationTarget target, AutoCloseable link) implements AutoCloseable {
        @Override
        public void close() {
            try {
                link.close();
            } catch (Exception e) {
                throw new UserError("closing the metering chip's connection: " + e.getMessage());
            }
        }
    }

    /**
     * Opens the BL0942 (on {@code port}) or the BL0937 (on the board's pins) of {@code board}, as a target built on
     * the profile file {@code profileFile} (datasheet scales, registers, trim).
     */
    Opened openTarget(BoardSpec board, String port, Path profileFile) {
        return switch (board.meter().chip()) {
            case BL0942 -> {
                if (port == null) {
                    throw new UserError("calibrate needs --port PATH for the BL0942 (see --help)");
                }
                Bl0942Profile profile = Bl0942Profile.load(profileFile);
                Bl0942Link link = bl0942Connector.open(port, board.meter().baud(), clock);
                yield new Opened(new Bl0942Target(new Bl0942Driver(link, clock, board.meter().baud(),
                        Bl0942Driver.Options.defaults()), profile), link);
            }
            case BL0937 -> {
                Bl0937Profile profile = Bl0937Profile.load(profileFile);
                PulseLines p = bl0937Connector.open(board, clock);
                Bl0937Lines l = p.lines();
                yield new Opened(new Bl0937Target(new Bl0937Driver(l.cf(), l.cf1(), l.sel(), l.selHighForVoltage(),
                        Bl0937Schedule.DEFAULT, clock), profile), p.release());
            }
            case HT7017 -> throw new IllegalStateException("the HT7017 has its own session");
        };
    }

    /** Calibration of a BL0942 or BL0937: the wizard or the one-point form, in software on the datasheet scales. */
    private int callSoftware(BoardSpec board, boolean nonInteractive, Reference ref, PrintWriter o) {
        if (frontEnd != null && !checkFrontEnd(frontEnd).equals(board.frontEnd())) {
            throw new UserError("--frontend " + frontEnd.trim() + ": board " + board.name() + " has the "
                    + board.frontEnd() + " front-end only (its " + board.meter().chip().key() + " is calibrated on it)");
        }
        Path base = from != null ? from : board.calibrationFile();
        String profileName = name != null ? name : board.name() + "-calibrated";
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String chip = board.meter().chip().name();
        try (Opened opened = openTarget(board, port, base)) {
            SoftwareCalibrationSession session = new SoftwareCalibrationSession(opened.target(), clock, sessionOptions);
            Thread hook = new Thread(session::cancel, "openkws-calibrate-cancel");
            Runtime.getRuntime().addShutdownHook(hook);
            String yaml;
            try {
                yaml = nonInteractive ? oneReference(session, ref, opened.target(), o, profileName)
                        : new CalibrationWizard(reader, o).run(session, profileName);
            } catch (Bl0942Exception e) {
                throw new UserError(chip + " on " + port + " stopped answering: " + e.getMessage());
            } finally {
                removeHook(hook);
            }
            ProfileFile.writeText(yaml, out);
            o.printf(Locale.ROOT, "Wrote %s. Check it: ./openkws calibrate verify --board %s%s --calibration %s --point V,I,P%n",
                    out, board.dir(), port == null ? "" : " --port " + port, out);
            o.flush();
        }
        return 0;
    }

    /**
     * The one-point form on a software-calibrated chip: keeps the offsets of the profile it starts from (it
     * measures no zero), or says in one line (and in the note) that it knows none and low currents are not covered.
     */
    private String oneReference(SoftwareCalibrationSession session, Reference ref, CalibrationTarget target, PrintWriter o,
            String profileName) {
        o.println(session.begin());
        SoftwareCalibrationSession.KeptOffsets kept = session.keepOffsets(target.profileScales(), target.profileName());
        o.printf(Locale.ROOT, "%s: calibrating at %.2f V, %.3f A, %.1f W%n", target.chipName(), ref.voltageV(),
                ref.currentA(), ref.powerW());
        SoftwareCalibrationSession.GainResult g = session.calibrateGain(ref, Progress.NONE);
        printGain(o, g);
        if (energySeconds > 0) {
            o.println("energy: not counted on the " + target.chipName() + " (its energy counter follows the power gain)");
        }
        if (!kept.warning().isEmpty()) {
            o.println("warning: " + kept.warning());
        } else {
            o.println("current offset " + session.currentModel().source());
        }
        o.flush();
        return session.profileYaml(profileName, String.format(Locale.ROOT,
                "One-point calibration at %.2f V, %.3f A, %.1f W on the %s's datasheet scales, by openkws calibrate. Current offset %s.%s",
                ref.voltageV(), ref.currentA(), ref.powerW(), target.chipName(), session.currentModel().source(),
                kept.warning().isEmpty() ? "" : " Warning: " + kept.warning() + "."));
    }

    /** One line: the errors of the datasheet scales at the reference, and after calibration. */
    public static void printGain(PrintWriter o, SoftwareCalibrationSession.GainResult g) {
        o.printf(Locale.ROOT, "datasheet scales: V %+.3f%% I %+.3f%% P %+.3f%%; after: V %+.3f%% I %+.3f%% P %+.3f%%%n",
                g.before().voltage() * 100, g.before().current() * 100, g.before().power() * 100,
                g.after().voltage() * 100, g.after().current() * 100, g.after().power() * 100);
    }

    private CalibrationProfile oneReference(CalibrationSession session, Reference ref, CalibrationProfile known, PrintWriter o,
            String profileName) {
        int id = session.begin();
        CalibrationSession.KeptOffsets kept = session.keepOffsets(known);
        o.printf(Locale.ROOT, "HT7017 DeviceID 0x%06X, front-end %s; calibrating at %.2f V, %.3f A, %.1f W, PF %.2f%n", id,
                session.frontEnd().name(), ref.voltageV(), ref.currentA(), ref.powerW(), ref.powerFactor());
        CalibrationSession.GainResult g = session.calibrateGain(ref, Progress.NONE);
        o.printf(Locale.ROOT, "power error %+.2f%% -> GP1 0x%04X, GPhs1 0x%04X, HFConst %d (%d imp/kWh); after: V %+.3f%% I %+.3f%% P %+.3f%%%n",
                g.powerGainError() * 100, g.gp1(), g.gphs1(), g.hfConst(), g.meterConstant(), g.after().voltage() * 100,
                g.after().current() * 100, g.after().power() * 100);
        if (energySeconds > 0) {
            CalibrationSession.EnergyRun run = session.runEnergy(energySeconds, ref.powerW(), Progress.NONE);
            CalibrationSession.EnergyResult e = session.judgeEnergy(run, ref.powerW(), 0);
            o.printf(Locale.ROOT, "energy: %d pulses in %.1f s, expected %.1f: error %+.2f%%%s%n", e.counts(), e.seconds(),
                    e.expectedCounts(), e.error() * 100, e.adopted() ? " (profile uses the measured constant)" : "");
        }
        if (!kept.warning().isEmpty()) {
            o.println("warning: " + kept.warning());
        } else {
            o.println("current offset " + session.currentModel().source());
        }
        o.flush();
        return session.profile(profileName, String.format(Locale.ROOT,
                "One-point calibration at %.2f V, %.3f A, %.1f W, PF %.2f, front-end %s, by openkws calibrate. Current offset %s.%s",
                ref.voltageV(), ref.currentA(), ref.powerW(), ref.powerFactor(), session.frontEnd().name(),
                session.currentModel().source(), kept.warning().isEmpty() ? "" : " Warning: " + kept.warning() + "."));
    }

    private static void restoreQuietly(CalibrationSession session) {
        try {
            session.restore();
        } catch (RuntimeException ignored) {
            // the chip is gone or still broken; the profile was not written either way
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook restores the chip
        }
    }

    static String checkFrontEnd(String fe) {
        String f = fe.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("shunt") && !f.equals("ct")) {
            throw new UserError("--frontend must be shunt or ct, not '" + fe + "'");
        }
        return f;
    }

    /** {@code openkws calibrate verify}: error table at reference points, optional least-squares refit. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Compare a calibration profile with reference points and print the errors.",
                    "With several points, --fit --out FILE writes the profile with each channel's gain and offset fitted by least squares."})
    static final class Verify implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        CalibrateCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--port", paramLabel = "PATH", description = "Serial port of the HT7017 or BL0942 (a BL0937 uses the board's pins).")
        String port;

        @Option(names = "--board", paramLabel = "DIR", description = "Board directory: which chip (default: calibrate's --board, ${DEFAULT-VALUE} there: " + DEFAULT_BOARD + ").")
        String board;

        @Option(names = "--calibration", required = true, paramLabel = "FILE", description = "Calibration profile to check.")
        Path calibration;

        @Option(names = "--point", required = true, paramLabel = "V,I,P[,PF]", description = "A reference point (repeatable); with several, the command waits for Enter before each.")
        List<String> points;

        @Option(names = "--fit", description = "Fit each channel's gain and offset to the points (affine least squares).")
        boolean fit;

        @Option(names = "--out", paramLabel = "FILE", description = "Where --fit writes the improved profile.")
        Path out;

        @Override
        public Integer call() throws InterruptedException {
            if (fit && out == null) {
                throw new UserError("--fit needs --out FILE");
            }
            if (out != null && !fit) {
                throw new UserError("--out is only for --fit");
            }
            List<Reference> refs = new ArrayList<>();
            for (String p : points) {
                refs.add(parsePoint(p));
            }
            PrintWriter o = spec.commandLine().getOut();
            BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
            BoardSpec b = BoardSpec.load(BoardSpec.resolve(board != null ? board : parent.board, BoardSpec.home()));
            if (b.meter().chip() != BoardSpec.Chip.HT7017) {
                return verifySoftware(b, o, reader, refs);
            }
            if (port == null) {
                throw new UserError("calibrate verify needs --port PATH for the HT7017");
            }
            CalibrationProfile profile = CalibrationProfile.load(calibration);
            Clock clock = parent.clock;
            List<Verification.Point> measured = new ArrayList<>();
            try (Ht7017Link link = parent.connector.open(port, clock)) {
                Verification v = new Verification(new Ht7017Driver(link, clock), clock, profile,
                        parent.sessionOptions.sampler(), parent.sessionOptions.settleNanos());
                try {
                    measurePoints(v, o, reader, refs, measured, profile.name());
                } catch (Ht7017Exception e) {
                    throw new UserError("no valid answer from the HT7017 on " + port + ": " + e.getMessage());
                }
            }
            printTable(o, measured);
            if (fit) {
                printFit(o, profile.scales(), measured, "counts");
                ProfileFile.write(Verification.fit(profile, measured, fitNote(profile.note(), measured.size())), out);
                o.printf(Locale.ROOT, "Wrote %s%n", out);
            }
            o.flush();
            return 0;
        }

        /** verify on a BL0942 or BL0937: the same table and fit on the profile's datasheet scales and trim. */
        private int verifySoftware(BoardSpec b, PrintWriter o, BufferedReader reader, List<Reference> refs)
                throws InterruptedException {
            List<Verification.Point> measured = new ArrayList<>();
            CalibrationTarget target;
            try (Opened opened = parent.openTarget(b, port, calibration)) {
                target = opened.target();
                Verification v = new Verification(target, parent.clock, parent.sessionOptions.sampler(),
                        parent.sessionOptions.settleNanos());
                try {
                    measurePoints(v, o, reader, refs, measured, target.profileName());
                } catch (Bl0942Exception e) {
                    throw new UserError("no valid answer from the BL0942 on " + port + ": " + e.getMessage());
                }
            }
            printTable(o, measured);
            if (fit) {
                ChannelScales fitted = printFit(o, target.profileScales(), measured, target.rawUnit());
                String note = fitNote(target.profileNote(), measured.size());
                ProfileFile.writeText(target.profileYaml(fitted, target.profileName(), note), out);
                o.printf(Locale.ROOT, "Wrote %s%n", out);
            }
            o.flush();
            return 0;
        }

        private static void measurePoints(Verification v, PrintWriter o, BufferedReader reader, List<Reference> refs,
                List<Verification.Point> measured, String profileName) throws InterruptedException {
            o.printf(Locale.ROOT, "%s, profile %s%n", v.begin(), profileName);
            for (int k = 0; k < refs.size(); k++) {
                Reference r = refs.get(k);
                if (refs.size() > 1) {
                    o.printf(Locale.ROOT, "Point %d/%d: set %.2f V, %.3f A, PF %.2f, then press Enter ", k + 1, refs.size(),
                            r.voltageV(), r.currentA(), r.powerFactor());
                    o.flush();
                    try {
                        if (reader.readLine() == null) {
                            throw new CalibrationCancelled("verification cancelled (end of input)");
                        }
                    } catch (java.io.IOException e) {
                        throw new CalibrationCancelled("verification cancelled: " + e.getMessage());
                    }
                }
                measured.add(v.measure(r, Progress.NONE));
            }
        }

        private static String fitNote(String note, int points) {
            return note + String.format(Locale.ROOT, " Gains and offsets fitted to %d points by openkws calibrate verify.", points);
        }

        /** Fits, prints each channel's gain and offset against the profile's, and the errors with them. */
        private static ChannelScales printFit(PrintWriter o, ChannelScales profile, List<Verification.Point> measured,
                String unit) {
            List<Verification.Line> lines = Verification.lines(profile, measured);
            ChannelScales fitted = Verification.fit(profile, measured);
            List<Verification.Point> refitted = measured.stream()
                    .map(pt -> Verification.point(fitted, pt.reference(), pt.sample())).toList();
            String[] names = {"voltage", "current", "power"};
            double[][] was = {{profile.voltageScale(), profile.voltageOffset()}, {profile.currentScale(), profile.currentOffset()},
                    {profile.powerScale(), profile.powerOffset()}};
            for (int k = 0; k < 3; k++) {
                Verification.Line l = lines.get(k);
                o.printf(Locale.ROOT, "Fitted %s: gain %.6g (was %.6g), offset %.4g %s (was %.4g)%s%n", names[k], l.gain(),
                        was[k][0], l.offset(), unit, was[k][1], l.offsetFitted() ? "" : ", kept: the points share one value");
            }
            o.println("errors with them:");
            printTable(o, refitted);
            return fitted;
        }

        static Reference parsePoint(String text) {
            String[] parts = text.split(",");
            if (parts.length < 3 || parts.length > 4) {
                throw new UserError("--point '" + text + "': expected V,I,P or V,I,P,PF (e.g. 230,5,1150)");
            }
            double[] v = new double[4];
            v[3] = 1;
            for (int k = 0; k < parts.length; k++) {
                try {
                    v[k] = Double.parseDouble(parts[k].trim());
                } catch (NumberFormatException e) {
                    throw new UserError("--point '" + text + "': '" + parts[k].trim() + "' is not a number");
                }
            }
            return Reference.of(v[0], v[1], v[2], v[3]);
        }

        static void printTable(PrintWriter o, List<Verification.Point> pts) {
            o.println("point     ref V    read V  err %     ref A    read A  err %      ref W     read W  err %");
            int k = 1;
            for (Verification.Point p : pts) {
                Reference r = p.reference();
                o.printf(Locale.ROOT, "%5d  %8.2f  %8.2f %+6.2f  %8.3f  %8.3f %+6.2f  %9.1f  %9.1f %+6.2f%n", k++,
                        r.voltageV(), p.voltageV(), p.voltageError() * 100, r.currentA(), p.currentA(), p.currentError() * 100,
                        r.powerW(), p.powerW(), p.powerError() * 100);
            }
            o.flush();
        }
    }
}
