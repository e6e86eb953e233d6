package io.openkws.cli.calibrate;

import io.openkws.meter.calibration.CalibrationCancelled;
import io.openkws.meter.calibration.CalibrationException;
import io.openkws.meter.calibration.Progress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * The terminal side of the calibration wizard: prompts, validated numbers, yes/no questions and a progress bar.
 * Every typed number is checked (empty, not a number, zero, negative, absurd) and asked again with a clear
 * message; the end of input or {@code q} cancels.
 *
 * <p>Exists so the wizard's steps read as a procedure, and so tests can script the dialogue through a reader.
 */
final class Dialog {

    private final BufferedReader in;
    private final PrintWriter out;

    Dialog(BufferedReader in, PrintWriter out) {
        this.in = in;
        this.out = out;
    }

    PrintWriter out() {
        return out;
    }

    void say(String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    /** Reads one line; the end of input or "q" cancels the calibration. */
    String line(String prompt) {
        out.print(prompt);
        out.flush();
        String l;
        try {
            l = in.readLine();
        } catch (IOException e) {
            throw new CalibrationCancelled("calibration cancelled: cannot read the terminal: " + e.getMessage());
        }
        if (l == null) {
            out.println();
            throw new CalibrationCancelled("calibration cancelled (end of input): the chip was restored and no file was written");
        }
        l = l.trim();
        if (l.equalsIgnoreCase("q") || l.equalsIgnoreCase("quit")) {
            throw new CalibrationCancelled("calibration cancelled: the chip was restored and no file was written");
        }
        return l;
    }

    void waitEnter(String prompt) {
        line(prompt + " [Enter] ");
    }

    /** Asks until the answer is a positive number no larger than {@code max}; empty takes {@code defaultValue} when it is positive. */
    double number(String what, String unit, double max, double defaultValue) {
        while (true) {
            String shownDefault = defaultValue > 0 ? String.format(Locale.ROOT, " [%s]", trim(defaultValue)) : "";
            String l = line(String.format(Locale.ROOT, "  Reference %s in %s%s: ", what, unit, shownDefault));
            if (l.isEmpty() && defaultValue > 0) {
                return defaultValue;
            }
            if (l.isEmpty()) {
                say("  ! type the %s your reference instrument shows, in %s (q cancels)", what, unit);
                continue;
            }
            double v;
            try {
                v = Double.parseDouble(l.replace(',', '.'));
            } catch (NumberFormatException e) {
                say("  ! '%s' is not a number: type the %s in %s, e.g. %s", l, what, unit, trim(max / 2 >= 100 ? 230 : 5));
                continue;
            }
            try {
                io.openkws.meter.calibration.Reference.checkValue(what, v, unit, max);
                return v;
            } catch (CalibrationException e) {
                say("  ! %s", e.getMessage());
            }
        }
    }

    /** Asks a yes/no question; empty takes {@code defaultYes}. */
    boolean yes(String question, boolean defaultYes) {
        while (true) {
            String l = line(question + (defaultYes ? " [Y/n] " : " [y/N] ")).toLowerCase(Locale.ROOT);
            if (l.isEmpty()) {
                return defaultYes;
            }
            if (l.equals("y") || l.equals("yes")) {
                return true;
            }
            if (l.equals("n") || l.equals("no")) {
                return false;
            }
            say("  ! answer y or n (q cancels)");
        }
    }

    /** A progress bar redrawn on one line. */
    Progress bar(String label) {
        return (done, needed, spread) -> {
            int width = 20;
            int filled = needed > 0 ? Math.min(width, done * width / needed) : 0;
            String spreadText = Double.isNaN(spread) ? "" : String.format(Locale.ROOT, "  spread %.2f%%", spread * 100);
            out.printf(Locale.ROOT, "\r  %s [%s%s] %d/%d%s   ", label, "#".repeat(filled), ".".repeat(width - filled),
                    done, needed, spreadText);
            out.flush();
        };
    }

    void endBar() {
        out.println();
        out.flush();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
