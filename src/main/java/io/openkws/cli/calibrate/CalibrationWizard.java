package io.openkws.cli.calibrate;

import io.openkws.meter.CalibrationProfile;
import io.openkws.meter.calibration.CalibrationCancelled;
import io.openkws.meter.calibration.CalibrationException;
import io.openkws.meter.calibration.CalibrationSession;
import io.openkws.meter.calibration.CurrentModel;
import io.openkws.meter.calibration.Progress;
import io.openkws.meter.calibration.Reference;
import io.openkws.meter.calibration.SoftwareCalibrationSession;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The interactive bench calibration: no-load offset, gain at PF 1, a low current that tells how the offset adds
 * (optional, recommended), phase at PF 0.5 inductive (optional) and an energy check (optional), each step with typed reference values, averaged stable readings and a retry when the
 * step cannot be done (no load, unsteady readings, inconsistent references). It returns the profile; writing it
 * is the caller's job, and the caller restores the chip when this throws.
 *
 * <p>The BL0942 and the BL0937 ({@link #run(SoftwareCalibrationSession, String)}) have the same dialogue without the
 * register steps: no-load offset, gain at PF 1, low current (optional); they have no phase or meter-constant
 * register to tune.
 *
 * <p>Exists so a person with a bench supply, a load and a reference meter can calibrate without knowing the
 * chip's registers, and so the dialogue can be tested by scripting its input.
 */
public final class CalibrationWizard {

    private final Dialog dialog;
    private double lastPowerW;
    private double lastCurrentA;

    public CalibrationWizard(BufferedReader in, PrintWriter out) {
        this.dialog = new Dialog(in, out);
    }

    /** Asks which front-end the meter has; empty takes the board's. */
    public String chooseFrontEnd(String boardDefault) {
        while (true) {
            String l = dialog.line("Current sensing front-end, shunt or ct [" + boardDefault + "]: ").toLowerCase(Locale.ROOT);
            if (l.isEmpty()) {
                return boardDefault;
            }
            if (l.equals("shunt") || l.equals("ct")) {
                return l;
            }
            dialog.say("  ! type shunt (the stock manganin strip) or ct (a current transformer with a burden)");
        }
    }

    /** Runs every step on {@code session} (not begun yet) and returns the profile named {@code name}. */
    public CalibrationProfile run(CalibrationSession session, String name) {
        dialog.say("openkws calibration: front-end %s (%s)", session.frontEnd().name(), session.frontEnd().kind().key());
        dialog.say("Safety: the meter is at mains potential. Calibrate on the bench, behind an isolation transformer,");
        dialog.say("with the Pi's UART through an isolator; change loads only with the source switched off. q cancels.");
        int id = session.begin();
        dialog.say("HT7017 DeviceID 0x%06X initialised with the front-end's analog set-up.", id);

        dialog.say("%nStep 1/5: no-load current offset");
        dialog.waitEnter("Keep the voltage on, disconnect the load (no current may flow), then press Enter.");
        CalibrationSession.OffsetResult offset = retry(() -> {
            try {
                return session.measureOffset(dialog.bar("no load"));
            } finally {
                dialog.endBar();
            }
        });
        dialog.say("  Rms_I1 at no load %.0f counts, PowerP1 %.0f -> I1RMSOFFSET 0x%04X; both kept as offsets in software",
                offset.meanRmsI1(), offset.meanPowerP1(), offset.i1RmsOffset());

        dialog.say("%nStep 2/5: voltage, current and power gain at PF 1");
        dialog.say("Connect a resistive load (heater, kettle, incandescent lamp), near the current you use most.");
        CalibrationSession.GainResult gain = retry(() -> {
            Reference ref = askReference(1.0);
            try {
                return session.calibrateGain(ref, dialog.bar("PF 1"));
            } finally {
                dialog.endBar();
            }
        });
        dialog.say("  power error %+.2f%% -> GP1 = GQ1 = GS1 = 0x%04X, HFConst %d (%d imp/kWh)",
                gain.powerGainError() * 100, gain.gp1(), gain.hfConst(), gain.meterConstant());
        dialog.say("  after: V %+.3f%%  I %+.3f%%  P %+.3f%%", gain.after().voltage() * 100, gain.after().current() * 100,
                gain.after().power() * 100);

        lowCurrentStep("3/5", session::calibrateLowCurrent, session::currentModel);

        dialog.say("%nStep 4/5: phase at PF 0.5 inductive (optional; recommended, needed for a CT)");
        if (dialog.yes("Connect an inductive load with PF about 0.5 (a motor or a choke with a lamp). Do this step?", true)) {
            CalibrationSession.PhaseResult phase = retry(() -> {
                Reference ref = askPhaseReference();
                try {
                    return session.calibratePhase(ref, dialog.bar("PF 0.5"));
                } finally {
                    dialog.endBar();
                }
            });
            dialog.say("  power error at PF 0.5 %+.2f%% -> phase %+.3f degrees, GPhs1 0x%04X; after: P %+.3f%%",
                    phase.powerErrorBefore() * 100, phase.phaseDegrees(), phase.gphs1(), phase.after().power() * 100);
        }

        dialog.say("%nStep 5/5: energy constant check (optional)");
        double seconds = secondsOrSkip();
        if (seconds > 0) {
            double powerW = dialog.number("power of the load during the run", "W", Reference.MAX_VOLTAGE_V * Reference.MAX_CURRENT_A,
                    lastPowerW);
            CalibrationSession.EnergyRun run = retry(() -> {
                try {
                    return session.runEnergy(seconds, powerW, dialog.bar("energy"));
                } finally {
                    dialog.endBar();
                }
            });
            dialog.say("  %d EnergyP pulses in %.1f s", run.counts(), run.seconds());
            double wh = energyOrPxT(powerW * run.seconds() / 3600);
            CalibrationSession.EnergyResult e = session.judgeEnergy(run, powerW, wh);
            dialog.say("  expected %.1f pulses: error %+.2f%%%s", e.expectedCounts(), e.error() * 100,
                    e.adopted() ? String.format(Locale.ROOT, "; the profile uses the measured %.2f counts/kWh", e.measuredCountsPerKWh()) : "");
        }
        return session.profile(name, String.format(Locale.ROOT, "Bench calibration, front-end %s (%s), by openkws calibrate. Current offset %s.",
                session.frontEnd().name(), session.frontEnd().kind().key(), session.currentModel().source()));
    }

    /**
     * Runs the steps of a software-calibrated chip (BL0942, BL0937) on {@code session} (not begun yet) and returns
     * the profile file's text, named {@code name}.
     */
    public String run(SoftwareCalibrationSession session, String name) {
        String chip = session.target().chipName();
        String unit = session.target().rawUnit();
        dialog.say("openkws calibration of a %s: software gain and offset per channel on its datasheet scales", chip);
        dialog.say("Safety: the meter is at mains potential. Calibrate on the bench, behind an isolation transformer,");
        dialog.say("with the Pi's lines through an isolator; change loads only with the source switched off. q cancels.");
        dialog.say("%s.", session.begin());

        dialog.say("%nStep 1/3: no-load current and power offset");
        dialog.waitEnter("Keep the voltage on, disconnect the load (no current may flow), then press Enter.");
        SoftwareCalibrationSession.OffsetResult offset = retry(() -> {
            try {
                return session.measureOffset(dialog.bar("no load"));
            } finally {
                dialog.endBar();
            }
        });
        dialog.say("  current %.4g %s at no load (%.4f A by the datasheet), power %.4g %s: kept as offsets in software",
                offset.meanCurrent(), unit, offset.datasheetCurrentA(), offset.meanPower(), unit);

        dialog.say("%nStep 2/3: voltage, current and power gain at PF 1");
        dialog.say("Connect a resistive load (heater, kettle, incandescent lamp), near the current you use most.");
        SoftwareCalibrationSession.GainResult gain = retry(() -> {
            Reference ref = askReference(1.0);
            try {
                return session.calibrateGain(ref, dialog.bar("PF 1"));
            } finally {
                dialog.endBar();
            }
        });
        dialog.say("  datasheet scales read V %+.3f%%  I %+.3f%%  P %+.3f%%", gain.before().voltage() * 100,
                gain.before().current() * 100, gain.before().power() * 100);
        dialog.say("  after: V %+.3f%%  I %+.3f%%  P %+.3f%%", gain.after().voltage() * 100, gain.after().current() * 100,
                gain.after().power() * 100);

        lowCurrentStep("3/3", session::calibrateLowCurrent, session::currentModel);
        return session.profileYaml(name, String.format(Locale.ROOT,
                "Bench calibration of a %s on its datasheet scales, by openkws calibrate. Current offset %s.", chip,
                session.currentModel().source()));
    }

    /** A calibration step of either session: a reference and a progress bar in, a result out. */
    private interface LowCurrentCalibration {
        CalibrationSession.LowCurrentResult calibrate(Reference ref, Progress progress);
    }

    /**
     * The optional low-current step, the same for every chip: it tells whether the no-load reading adds to the signal
     * or in quadrature. The power typed at the gain step stays the default of later questions.
     */
    private void lowCurrentStep(String step, LowCurrentCalibration calibration, Supplier<CurrentModel> model) {
        dialog.say("%nStep " + step + ": a low current (optional; recommended for readings below a few amps)");
        dialog.say("  The no-load reading may add to the signal or in quadrature (noise); a small current tells which.");
        if (dialog.yes(String.format(Locale.ROOT,
                "Connect a small resistive load, about a tenth of %.1f A (e.g. a 100 W lamp). Do this step?", lastCurrentA), true)) {
            double gainPowerW = lastPowerW;
            CalibrationSession.LowCurrentResult low = retry(() -> {
                Reference ref = askReference(1.0);
                lastPowerW = gainPowerW;
                try {
                    return calibration.calibrate(ref, dialog.bar("low I"));
                } finally {
                    dialog.endBar();
                }
            });
            dialog.say("  offset %s", low.model().source());
            dialog.say("  after: I %+.3f%% at the low current, %+.3f%% at the gain point", low.lowCurrentError() * 100,
                    low.gainCurrentError() * 100);
        } else {
            dialog.say("  offset %s", model.get().source());
        }
    }

    private Reference askReference(double powerFactor) {
        while (true) {
            double v = dialog.number("voltage", "V", Reference.MAX_VOLTAGE_V, 0);
            double i = dialog.number("current", "A", Reference.MAX_CURRENT_A, 0);
            double p = dialog.number("power", "W", Reference.MAX_VOLTAGE_V * Reference.MAX_CURRENT_A, 0);
            try {
                Reference ref = Reference.of(v, i, p, powerFactor);
                lastPowerW = p;
                lastCurrentA = i;
                return ref;
            } catch (CalibrationException e) {
                dialog.say("  ! %s; type the three values again", e.getMessage());
            }
        }
    }

    private Reference askPhaseReference() {
        while (true) {
            double v = dialog.number("voltage", "V", Reference.MAX_VOLTAGE_V, 0);
            double i = dialog.number("current", "A", Reference.MAX_CURRENT_A, 0);
            double p = dialog.number("power (active, W)", "W", Reference.MAX_VOLTAGE_V * Reference.MAX_CURRENT_A, 0);
            double pf = p / (v * i);
            if (pf > 1 || pf < 0.3 || pf > 0.8) {
                dialog.say("  ! P / (V x I) = %.2f: the phase step needs PF between 0.3 and 0.8 (about 0.5); type the values again", pf);
                continue;
            }
            return Reference.of(v, i, p, pf);
        }
    }

    private double secondsOrSkip() {
        while (true) {
            String l = dialog.line("Seconds to count energy pulses with a steady load on (0 skips) [60]: ");
            if (l.isEmpty()) {
                return 60;
            }
            try {
                double s = Double.parseDouble(l.replace(',', '.'));
                if (s == 0) {
                    return 0;
                }
                if (s >= 10 && s <= 3600) {
                    return s;
                }
                dialog.say("  ! between 10 and 3600 seconds, or 0 to skip");
            } catch (NumberFormatException e) {
                dialog.say("  ! '%s' is not a number of seconds", l);
            }
        }
    }

    private double energyOrPxT(double pxtWh) {
        while (true) {
            String l = dialog.line(String.format(Locale.ROOT,
                    "  Reference energy over the run in Wh, if your meter counts it [Enter = P x t = %.3f Wh]: ", pxtWh));
            if (l.isEmpty()) {
                return 0;
            }
            try {
                double wh = Double.parseDouble(l.replace(',', '.'));
                Reference.checkValue("energy", wh, "Wh", 1e6);
                if (Math.abs(wh / pxtWh - 1) > 0.5) {
                    dialog.say("  ! %.3f Wh is more than 50%% away from P x t = %.3f Wh: check the value", wh, pxtWh);
                    continue;
                }
                return wh;
            } catch (NumberFormatException e) {
                dialog.say("  ! '%s' is not a number", l);
            } catch (CalibrationException e) {
                dialog.say("  ! %s", e.getMessage());
            }
        }
    }

    /** Runs a step; a user-fixable problem is shown and the step offered again (q cancels). */
    private <T> T retry(Supplier<T> step) {
        while (true) {
            try {
                return step.get();
            } catch (CalibrationCancelled e) {
                throw e;
            } catch (CalibrationException e) {
                dialog.say("  ! %s", e.getMessage());
                dialog.waitEnter("Fix it, then press Enter to redo this step (q cancels).");
            }
        }
    }
}
