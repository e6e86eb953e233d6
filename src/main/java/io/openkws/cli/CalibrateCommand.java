package io.openkws.cli;

import io.openkws.board.BoardSpec;
import io.openkws.cli.calibrate.CalibrationWizard;
import io.openkws.driver.ht7017.Ht7017Driver;
import io.openkws.driver.ht7017.Ht7017Exception;
import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.io.serial.SerialHt7017Link;
import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.calibration.CalibrationCancelled;
import io.openkws.meter.calibration.CalibrationSession;
import io.openkws.meter.calibration.FrontEndSetup;
import io.openkws.meter.calibration.ProfileFile;
import io.openkws.meter.calibration.Progress;
import io.openkws.meter.calibration.Reference;
import io.openkws.meter.calibration.Sampler;
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
 * {@code openkws calibrate}: bench calibration of the HT7017 with a shunt or a current transformer. Without
 * reference flags it runs the interactive wizard; with {@code --voltage --current --power} it calibrates from one
 * reference point; {@code calibrate verify} compares a profile with reference points and can refit its scales.
 * The result is a calibration profile file that {@code read --calibration} and {@code run} load.
 *
 * <p>Exists as the user's entry to {@link CalibrationSession}: it opens the port, picks the front-end file from
 * the board, writes the profile only when every step succeeded, and puts the chip's registers back on a cancel
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

    Connector connector = SerialHt7017Link::open;
    Clock clock = SystemClock.instance();
    InputStream in = System.in;
    CalibrationSession.Options sessionOptions = CalibrationSession.Options.defaults();

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PATH", description = "Serial port of the HT7017 (required).")
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

    @Option(names = "--from", paramLabel = "FILE", description = "Non-interactive: the profile whose offsets are kept, since this form measures no zero (default: the board's calibration profile).")
    Path from;

    @Option(names = "--energy-seconds", paramLabel = "S", defaultValue = "0", description = "Non-interactive: also count energy pulses for S seconds (default: ${DEFAULT-VALUE} = skip).")
    double energySeconds;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (port == null || out == null) {
            throw new UserError("calibrate needs --port PATH and --out FILE (see --help)");
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
            throw new UserError("calibrate drives the HT7017 only; board " + spec.name() + " measures with a "
                    + spec.meter().chip().key() + ": edit its calibration.yaml against a reference meter");
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

        @Option(names = "--port", required = true, paramLabel = "PATH", description = "Serial port of the HT7017.")
        String port;

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
            CalibrationProfile profile = CalibrationProfile.load(calibration);
            PrintWriter o = spec.commandLine().getOut();
            BufferedReader reader = new BufferedReader(new InputStreamReader(parent.in, StandardCharsets.UTF_8));
            Clock clock = parent.clock;
            List<Verification.Point> measured = new ArrayList<>();
            try (Ht7017Link link = parent.connector.open(port, clock)) {
                Verification v = new Verification(new Ht7017Driver(link, clock), clock, profile,
                        parent.sessionOptions.sampler(), parent.sessionOptions.settleNanos());
                try {
                    int id = v.begin();
                    o.printf(Locale.ROOT, "HT7017 DeviceID 0x%06X, profile %s%n", id, profile.name());
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
                } catch (Ht7017Exception e) {
                    throw new UserError("no valid answer from the HT7017 on " + port + ": " + e.getMessage());
                }
            }
            printTable(o, measured);
            if (fit) {
                List<Verification.Line> lines = Verification.lines(profile, measured);
                CalibrationProfile fitted = Verification.fit(profile, measured, profile.note()
                        + String.format(Locale.ROOT, " Gains and offsets fitted to %d points by openkws calibrate verify.", measured.size()));
                List<Verification.Point> refitted = measured.stream()
                        .map(pt -> Verification.point(fitted, pt.reference(), pt.sample())).toList();
                String[] names = {"voltage", "current", "power"};
                double[][] was = {{profile.voltageScale(), profile.voltageOffset()}, {profile.currentScale(), profile.currentOffset()},
                        {profile.powerScale(), profile.powerOffset()}};
                for (int k = 0; k < 3; k++) {
                    Verification.Line l = lines.get(k);
                    o.printf(Locale.ROOT, "Fitted %s: gain %.4f (was %.4f), offset %.1f counts (was %.1f)%s%n", names[k], l.gain(),
                            was[k][0], l.offset(), was[k][1], l.offsetFitted() ? "" : ", kept: the points share one value");
                }
                o.println("errors with them:");
                printTable(o, refitted);
                ProfileFile.write(fitted, out);
                o.printf(Locale.ROOT, "Wrote %s%n", out);
            }
            o.flush();
            return 0;
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
