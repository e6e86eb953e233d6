package io.openkws.cli;

import io.openkws.config.Config;
import io.openkws.meter.history.HistoryException;
import io.openkws.meter.history.HistoryFormat;
import io.openkws.meter.history.HistoryRow;
import io.openkws.meter.history.HistoryStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openkws history}: the energy history of a state directory, by hour, day or month, as a table, CSV or
 * JSON lines.
 *
 * <p>Exists so "what did this circuit use last March" is answered from the meter's own records, with no external
 * tool. It only reads ({@link HistoryStore#openForReading}); it can run while the meter runs.
 */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "Print the energy history (hourly, daily or monthly) kept in the state directory.")
public final class HistoryCommand implements Callable<Integer> {

    /** How rows are grouped. */
    enum By { hour, day, month }

    @Option(names = "--state", paramLabel = "DIR",
            description = "State directory (default: the one `run` uses with no config, ./state).")
    Path stateDirectory;

    @Option(names = "--from", paramLabel = "DATE", description = "First day, YYYY-MM-DD (default: the oldest).")
    String from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, YYYY-MM-DD, included (default: the newest).")
    String to;

    @Option(names = "--by", paramLabel = "hour|day|month", description = "Rows per hour, day or month (default: day).")
    By by = By.day;

    @ArgGroup(exclusive = true)
    Output output;

    static final class Output {
        @Option(names = "--csv", description = "CSV with a header line.")
        boolean csv;

        @Option(names = "--json", description = "One JSON object a line.")
        boolean json;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LocalDate first = date("--from", from, LocalDate.of(1, 1, 1));
        LocalDate last = date("--to", to, LocalDate.of(9999, 12, 31));
        if (first.isAfter(last)) {
            throw new UserError("--from " + first + " is after --to " + last);
        }
        Path dir = stateDirectory != null ? stateDirectory : Config.defaults().stateDirectory();
        List<HistoryRow> rows;
        try (HistoryStore store = HistoryStore.openForReading(dir)) {
            rows = switch (by) {
                case hour -> store.hours(first, last);
                case day -> store.days(first, last);
                case month -> store.months(YearMonth.from(first), YearMonth.from(last));
            };
        } catch (HistoryException e) {
            throw new UserError(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String period = by.name();
        if (output != null && output.csv) {
            out.println(HistoryFormat.csvHeader(period));
            rows.forEach(r -> out.println(HistoryFormat.csv(r)));
        } else if (output != null && output.json) {
            rows.forEach(r -> out.println(HistoryFormat.json(period, r)));
        } else {
            table(out, period, rows);
        }
        out.flush();
        return 0;
    }

    private static void table(PrintWriter out, String period, List<HistoryRow> rows) {
        if (rows.isEmpty()) {
            out.println("no history in that range");
            return;
        }
        int width = Math.max(period.length(), rows.getFirst().period().length());
        String format = "%-" + width + "s  %10s  %8s  %8s  %8s  %9s  %9s%n";
        out.printf(Locale.ROOT, format, period, "energy kWh", "V min", "V avg", "V max", "P max W", "relay min");
        double total = 0;
        for (HistoryRow r : rows) {
            var t = r.totals();
            total += t.energyKWh();
            out.printf(Locale.ROOT, format, r.period(), HistoryFormat.fixed(t.energyKWh(), 3),
                    HistoryFormat.fixed(t.voltageMinV(), 1), HistoryFormat.fixed(t.voltageAvgV(), 1),
                    HistoryFormat.fixed(t.voltageMaxV(), 1), HistoryFormat.fixed(t.powerMaxW(), 1),
                    HistoryFormat.fixed(t.relayClosedMinutes(), 1));
        }
        out.printf(Locale.ROOT, "%-" + width + "s  %10s%n", "total", HistoryFormat.fixed(total, 3));
    }

    private static LocalDate date(String option, String text, LocalDate absent) {
        if (text == null) {
            return absent;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new UserError(option + ": '" + text + "' is not a date (expected YYYY-MM-DD, e.g. 2026-03-01)");
        }
    }
}
