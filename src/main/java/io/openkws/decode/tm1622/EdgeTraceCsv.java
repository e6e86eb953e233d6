package io.openkws.decode.tm1622;

import static io.openkws.UserInput.shown;

import io.openkws.decode.CaptureException;
import io.openkws.yaml.ConfigException;
import io.openkws.yaml.TextLines;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.io.sim.lcd.SimTm1622.Edge;
import io.openkws.io.sim.lcd.SimTm1622.Line;
import java.math.BigDecimal;
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

    /** Reads {@code file} whole; any problem is a {@link CaptureException} naming the file and line. */
    public static Trace read(Path file) {
        Collector collector = new Collector();
        read(file, collector);
        return collector.trace(file.toString());
    }

    /**
     * Replays {@code file} into {@code chip} row by row as it is read, so a trace of any length needs memory for
     * one row only (with a {@link SimTm1622#decoding decoding} chip, nothing grows). Any problem is a
     * {@link CaptureException} naming the file and line.
     */
    public static void replay(Path file, SimTm1622 chip) {
        read(file, new Rows() {
            @Override
            public void start(long startNanos, boolean[] initialLevels) {
                feedInitial(chip, startNanos, initialLevels);
            }

            @Override
            public void edge(Edge edge) {
                chip.feed(edge);
            }
        });
    }

    /** Parses trace lines; {@code source} names them in error messages. */
    public static Trace parse(List<String> lines, String source) {
        Collector collector = new Collector();
        Parser parser = new Parser(source, collector);
        for (int n = 0; n < lines.size(); n++) {
            parser.line(lines.get(n), n + 1);
        }
        parser.finish();
        return collector.trace(source);
    }

    private static void read(Path file, Rows rows) {
        try (TextLines lines = TextLines.open(file)) {
            Parser parser = new Parser(lines.source(), rows);
            for (String line = lines.next(); line != null; line = lines.next()) {
                parser.line(line, lines.lineNumber());
            }
            parser.finish();
        } catch (ConfigException unreadable) {
            throw new CaptureException(unreadable.getMessage(), unreadable);
        }
    }

    /** What a parser hands on: the first row's levels, then each edge in order. */
    private interface Rows {
        void start(long startNanos, boolean[] initialLevels);

        void edge(Edge edge);
    }

    /** Keeps everything, for {@link Trace}. */
    private static final class Collector implements Rows {
        private long start;
        private boolean[] initial;
        private final List<Edge> edges = new ArrayList<>();

        @Override
        public void start(long startNanos, boolean[] initialLevels) {
            start = startNanos;
            initial = initialLevels.clone();
        }

        @Override
        public void edge(Edge edge) {
            edges.add(edge);
        }

        Trace trace(String source) {
            return new Trace(start, initial, List.copyOf(edges));
        }
    }

    /** The CSV rules, one line at a time. */
    private static final class Parser {
        private final String source;
        private final Rows rows;
        private int columns;
        private boolean[] state;
        private long previousTime = Long.MIN_VALUE;

        Parser(String source, Rows rows) {
            this.source = source;
            this.rows = rows;
        }

        void line(String text, long number) {
            String line = text.strip();
            String where = source + ":" + number + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            String[] cells = line.split(",", -1);
            if (columns == 0) {
                String header = line.replace(" ", "").toUpperCase(Locale.ROOT);
                if (header.equals("TIME,CS,WR,DATA")) {
                    columns = 4;
                } else if (header.equals("TIME,CS,WR,DATA,RD")) {
                    columns = 5;
                } else {
                    throw new CaptureException(where + "expected the header time,CS,WR,DATA (optionally ,RD), got '"
                            + shown(line) + "'");
                }
                return;
            }
            if (cells.length != columns) {
                throw new CaptureException(where + "expected " + columns + " columns, got " + cells.length);
            }
            long time = parseTime(cells[0].strip(), where);
            if (time < previousTime) {
                throw new CaptureException(where + "time goes backwards");
            }
            previousTime = time;
            boolean[] row = new boolean[] {true, true, true, true};
            for (int c = 1; c < columns; c++) {
                String cell = cells[c].strip();
                if (!cell.equals("0") && !cell.equals("1")) {
                    throw new CaptureException(where + "level must be 0 or 1, got '" + shown(cell) + "'");
                }
                row[c - 1] = cell.equals("1");
            }
            if (state == null) {
                state = row;
                rows.start(time, row.clone());
                return;
            }
            addEdges(rows, time, state, row);
            state = row;
        }

        void finish() {
            if (columns == 0) {
                throw new CaptureException(source + ": empty trace (no header time,CS,WR,DATA)");
            }
            if (state == null) {
                throw new CaptureException(source + ": the trace has a header but no rows");
            }
        }
    }

    /** Replays {@code trace} into a fresh chip and returns it. */
    public static SimTm1622 replay(Trace trace) {
        SimTm1622 chip = new SimTm1622();
        feedInitial(chip, trace.startNanos(), trace.initialLevels());
        chip.feedAll(trace.edges());
        return chip;
    }

    private static void feedInitial(SimTm1622 chip, long startNanos, boolean[] init) {
        for (Line line : new Line[] {Line.DATA, Line.WR, Line.RD, Line.CS}) {
            if (!init[line.ordinal()]) {
                chip.feed(new Edge(startNanos, line, false));
            }
        }
    }

    private static void addEdges(Rows edges, long time, boolean[] before, boolean[] after) {
        int cs = Line.CS.ordinal();
        if (before[cs] && !after[cs]) {
            edges.edge(new Edge(time, Line.CS, false));
        }
        for (Line line : new Line[] {Line.DATA, Line.WR, Line.RD}) {
            int i = line.ordinal();
            if (before[i] != after[i]) {
                edges.edge(new Edge(time, line, after[i]));
            }
        }
        if (!before[cs] && after[cs]) {
            edges.edge(new Edge(time, Line.CS, true));
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
            throw new CaptureException(where + "time must be a number of seconds, got '" + shown(cell) + "'");
        }
    }
}
