package io.openkws.io.sim.lcd;

import io.openkws.UserError;
import io.openkws.io.sim.lcd.SimTm1622.Edge;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a logic-analyser trace of the TM1622 bus: CSV with header {@code time,CS,WR,DATA} (optionally {@code ,RD}),
 * one row per change of any line, time in seconds, levels 0/1; {@code #} lines and blank lines are skipped.
 *
 * <p>Exists so {@code decode tm1622} can replay a capture (or an {@code lcd trace} output) into {@link SimTm1622}.
 * The first row sets the initial levels; each later row becomes one edge per line that changed. When one row
 * changes several lines (a real capture's shared sample), they are applied in the order CS falling, DATA, WR,
 * RD, CS rising, so data set up with a clock edge counts as set up before it.
 */
public final class EdgeTraceCsv {

    /** A parsed trace: the levels of the first row (CS, WR, DATA, RD) and the edges after it. */
    public record Trace(long startNanos, boolean[] initialLevels, List<Edge> edges) {
    }

    /** Longer time cells are refused: no exporter writes them, and they would only cost time. */
    private static final int MAX_TIME_CHARS = 40;
    /**
     * Times are held in long nanoseconds (up to 292 years); a cell with more integer digits is refused before its
     * exponent ({@code 1e999999999}) can make rounding it cost minutes.
     */
    private static final int MAX_TIME_INTEGER_DIGITS = 9;

    private EdgeTraceCsv() {
    }

    /** Reads {@code file}; any problem is a {@link UserError} naming the file and line. */
    public static Trace read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /** Parses trace lines; {@code source} names them in error messages. */
    public static Trace parse(List<String> lines, String source) {
        int columns = 0;
        boolean[] state = null;
        boolean[] initial = null;
        long start = 0;
        long previousTime = Long.MIN_VALUE;
        List<Edge> edges = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            String where = source + ":" + (n + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (columns == 0) {
                String header = line.replace(" ", "").toUpperCase(Locale.ROOT);
                if (header.equals("TIME,CS,WR,DATA")) {
                    columns = 4;
                } else if (header.equals("TIME,CS,WR,DATA,RD")) {
                    columns = 5;
                } else {
                    throw new UserError(where + "expected the header time,CS,WR,DATA (optionally ,RD), got '"
                            + line + "'");
                }
                continue;
            }
            if (cells.length != columns) {
                throw new UserError(where + "expected " + columns + " columns, got " + cells.length);
            }
            long time = parseTime(cells[0].strip(), where);
            if (time < previousTime) {
                throw new UserError(where + "time goes backwards");
            }
            previousTime = time;
            boolean[] row = new boolean[] {true, true, true, true};
            for (int c = 1; c < columns; c++) {
                String cell = cells[c].strip();
                if (!cell.equals("0") && !cell.equals("1")) {
                    throw new UserError(where + "level must be 0 or 1, got '" + cell + "'");
                }
                row[c - 1] = cell.equals("1");
            }
            if (state == null) {
                state = row;
                initial = row.clone();
                start = time;
                continue;
            }
            addEdges(edges, time, state, row);
            state = row;
        }
        if (columns == 0) {
            throw new UserError(source + ": empty trace (no header time,CS,WR,DATA)");
        }
        if (state == null) {
            throw new UserError(source + ": the trace has a header but no rows");
        }
        return new Trace(start, initial, List.copyOf(edges));
    }

    /** Replays {@code trace} into a fresh chip and returns it. */
    public static SimTm1622 replay(Trace trace) {
        boolean[] init = trace.initialLevels();
        SimTm1622 chip = new SimTm1622();
        for (Line line : new Line[] {Line.DATA, Line.WR, Line.RD, Line.CS}) {
            if (!init[line.ordinal()]) {
                chip.feed(new Edge(trace.startNanos(), line, false));
            }
        }
        chip.feedAll(trace.edges());
        return chip;
    }

    private static void addEdges(List<Edge> edges, long time, boolean[] before, boolean[] after) {
        int cs = Line.CS.ordinal();
        if (before[cs] && !after[cs]) {
            edges.add(new Edge(time, Line.CS, false));
        }
        for (Line line : new Line[] {Line.DATA, Line.WR, Line.RD}) {
            int i = line.ordinal();
            if (before[i] != after[i]) {
                edges.add(new Edge(time, line, after[i]));
            }
        }
        if (!before[cs] && after[cs]) {
            edges.add(new Edge(time, Line.CS, true));
        }
    }

    private static long parseTime(String cell, String where) {
        try {
            if (cell.length() > MAX_TIME_CHARS) {
                throw new NumberFormatException("too long");
            }
            BigDecimal seconds = new BigDecimal(cell);
            int integerDigits = seconds.precision() - seconds.scale();
            if (integerDigits > MAX_TIME_INTEGER_DIGITS) {
                throw new ArithmeticException("out of range");
            }
            if (integerDigits < -9) {
                return 0;
            }
            return seconds.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new UserError(where + "time must be a number of seconds, got '" + cell + "'");
        }
    }
}
