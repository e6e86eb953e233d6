package io.openkws.meter.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The history database, {@code history.db} in the state directory (SQLite, WAL journal).
 *
 * <p>Exists to keep years of hourly, daily and monthly energy and the event log on an SD card without wearing
 * it out or losing it in a power cut:
 * <ul>
 *   <li>One transaction per {@link #write}: the hourly row, the day and month roll-ups and the hour's events. The
 *       recorder writes once per closed hour and once at a clean shutdown, never per reading.</li>
 *   <li>Idempotent: the hour's start is the primary key and a write replaces the row; the roll-ups move by the
 *       difference between the new row and the one it replaces, in the same transaction, and events are unique
 *       by (time, line). Writing the same hour twice, or again after a restart, never counts it twice.</li>
 *   <li>{@code synchronous=FULL}: in WAL mode each commit is fsynced, so a power cut after a write returns
 *       never loses that hour (with NORMAL, a cut could drop every commit since the last checkpoint, days of
 *       rows). It costs one fsync an hour. A torn write leaves the database at the previous commit.</li>
 *   <li>A database that is corrupt or unreadable is renamed {@code history.db.corrupt-<UTC time>} (with its
 *       {@code -wal}/{@code -shm} files), one warning says so, and a new one is started. No method throws to the
 *       controller; a write that cannot be done is a warning and returns false.</li>
 *   <li>Retention ({@link Retention}): hourly rows, then daily rows and events, older than the limits are
 *       deleted in the write transaction; monthly rows are kept.</li>
 * </ul>
 * Methods are synchronized: the writer thread writes, other threads (MQTT, web console) may query.
 */
public final class HistoryStore implements AutoCloseable {

    /** File name of the database in the state directory. */
    public static final String FILE = "history.db";
    /** How an hour's start is written: ISO-8601 with its offset, e.g. {@code 2026-01-01T00:00Z}. */
    public static final DateTimeFormatter HOUR_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX", Locale.ROOT);

    private static final int SQLITE_ERROR = 1;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;
    private static final DateTimeFormatter SUFFIX =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String COLUMNS =
            "energy_kwh, samples, voltage_min, voltage_sum, voltage_max, power_max_w, relay_closed_s";
    private static final String SCHEMA = """
            CREATE TABLE IF NOT EXISTS hour (start INTEGER PRIMARY KEY, hour TEXT NOT NULL, day TEXT NOT NULL,
              energy_kwh REAL NOT NULL, samples INTEGER NOT NULL, voltage_min REAL, voltage_sum REAL NOT NULL,
              voltage_max REAL, power_max_w REAL, relay_closed_s REAL NOT NULL, lifetime_end_kwh REAL);
            CREATE TABLE IF NOT EXISTS day (day TEXT PRIMARY KEY, hours INTEGER NOT NULL,
              energy_kwh REAL NOT NULL, samples INTEGER NOT NULL, voltage_min REAL, voltage_sum REAL NOT NULL,
              voltage_max REAL, power_max_w REAL, relay_closed_s REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS month (month TEXT PRIMARY KEY, hours INTEGER NOT NULL,
              energy_kwh REAL NOT NULL, samples INTEGER NOT NULL, voltage_min REAL, voltage_sum REAL NOT NULL,
              voltage_max REAL, power_max_w REAL, relay_closed_s REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS event (at_ms INTEGER NOT NULL, type TEXT NOT NULL, json TEXT NOT NULL,
              PRIMARY KEY (at_ms, json));
            """;

    private final Path directory;
    private final Path file;
    private final Retention retention;
    private final Consumer<String> warnings;
    private final Clock wallClock;
    private final boolean readOnly;
    private Connection connection;

    private HistoryStore(Path directory, Retention retention, Consumer<String> warnings, Clock wallClock,
                         boolean readOnly) {
        this.directory = directory;
        this.file = directory.resolve(FILE);
        this.retention = retention;
        this.warnings = warnings;
        this.wallClock = wallClock;
        this.readOnly = readOnly;
    }

    /**
     * Opens (or creates) the history of {@code directory} for writing. Never throws: a corrupt or unreadable
     * database is moved aside with one warning and a new one started; if none can be opened (the directory is
     * not writable) the store warns and tries again at the next write.
     *
     * @param wallClock used only to name a database moved aside
     */
    public static HistoryStore open(Path directory, Retention retention, Consumer<String> warnings, Clock wallClock) {
        HistoryStore store = new HistoryStore(directory, retention, warnings, wallClock, false);
        store.connectForWriting();
        return store;
    }

    /** Opens an existing history read-only (the {@code history} command); any problem is one line. */
    public static HistoryStore openForReading(Path directory) throws HistoryException {
        HistoryStore store = new HistoryStore(directory, Retention.DEFAULT, w -> { }, Clock.systemUTC(), true);
        if (!Files.isDirectory(directory)) {
            throw new HistoryException(directory + ": no such state directory");
        }
        if (!Files.isRegularFile(store.file)) {
            throw new HistoryException(store.file + ": no history yet (file not found)");
        }
        if (!Files.isReadable(store.file)) {
            throw new HistoryException(store.file + ": cannot read (permission denied)");
        }
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            store.connection = DriverManager.getConnection("jdbc:sqlite:" + store.file, config.toProperties());
            try (Statement st = store.connection.createStatement()) {
                st.execute("PRAGMA busy_timeout=5000");
                st.executeQuery("SELECT start, hour, day, " + COLUMNS + ", lifetime_end_kwh FROM hour LIMIT 1").close();
                st.executeQuery("SELECT day, " + COLUMNS + " FROM day LIMIT 1").close();
                st.executeQuery("SELECT month, " + COLUMNS + " FROM month LIMIT 1").close();
                st.executeQuery("SELECT at_ms, type, json FROM event LIMIT 1").close();
            }
        } catch (SQLException e) {
            store.close();
            throw new HistoryException(store.file + ": not a readable history database (" + oneLine(e) + ")");
        }
        return store;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Whether a database is open. */
    public synchronized boolean isOpen() {
        return connection != null;
    }

    /**
     * Stores {@code hour} in one transaction (hourly row replaced, roll-ups moved by the difference, new events
     * added, retention applied). Returns whether it was stored; a failure is a warning, never an exception.
     */
    public synchronized boolean write(HourRecord hour) {
        if (readOnly) {
            throw new IllegalStateException("opened for reading");
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            if (connection == null && !connectForWriting()) {
                return false;
            }
            try {
                writeTransaction(hour);
                return true;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (attempt == 0 && e instanceof SQLException sql && damaged(sql, false)) {
                    moveAside(sql);
                    continue;
                }
                warnings.accept(file + ": could not store the hour " + HOUR_FORMAT.format(hour.start()) + " ("
                        + oneLine(e) + ")");
                return false;
            }
        }
        return false;
    }

    /** The newest stored hour (to resume from after a restart), with its start in {@code zone}. */
    public synchronized Optional<HourRecord> newestHour(ZoneId zone) {
        if (connection == null) {
            return Optional.empty();
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT start, " + COLUMNS
                     + ", lifetime_end_kwh FROM hour ORDER BY start DESC LIMIT 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            ZonedDateTime start = Instant.ofEpochSecond(rs.getLong(1)).atZone(zone);
            return Optional.of(new HourRecord(start, totals(rs, 2), real(rs, 9), List.of()));
        } catch (SQLException e) {
            warnings.accept(file + ": could not read the newest hour (" + oneLine(e) + ")");
            return Optional.empty();
        }
    }

    /** Hourly rows whose local day is in [from, to], oldest first. */
    public synchronized List<HistoryRow> hours(LocalDate from, LocalDate to) {
        return rows("SELECT hour, " + COLUMNS + " FROM hour WHERE day >= ? AND day <= ? ORDER BY start",
                text(from), text(to));
    }

    /** Daily rows in [from, to], oldest first. */
    public synchronized List<HistoryRow> days(LocalDate from, LocalDate to) {
        return rows("SELECT day, " + COLUMNS + " FROM day WHERE day >= ? AND day <= ? ORDER BY day",
                text(from), text(to));
    }

    /** Monthly rows in [from, to], oldest first. */
    public synchronized List<HistoryRow> months(YearMonth from, YearMonth to) {
        return rows("SELECT month, " + COLUMNS + " FROM month WHERE month >= ? AND month <= ? ORDER BY month",
                text(YearMonth.from(clamp(from.atDay(1)))), text(YearMonth.from(clamp(to.atDay(1)))));
    }

    /** Stored energy of {@code month}, kWh (0 when none; the hour in progress is not included). */
    public synchronized double monthEnergyKWh(YearMonth month) {
        List<HistoryRow> rows = months(month, month);
        return rows.isEmpty() ? 0 : rows.getFirst().totals().energyKWh();
    }

    /** Events in [fromMillis, toMillis), oldest first. */
    public synchronized List<HistoryEvent> events(long fromMillis, long toMillis) {
        List<HistoryEvent> out = new ArrayList<>();
        if (connection == null) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT at_ms, type, json FROM event WHERE at_ms >= ? AND at_ms < ? ORDER BY at_ms, rowid")) {
            ps.setLong(1, fromMillis);
            ps.setLong(2, toMillis);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryEvent(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            warnings.accept(file + ": could not read events (" + oneLine(e) + ")");
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing a broken connection: nothing more to do
            }
            connection = null;
        }
    }

    private static LocalDate clamp(LocalDate date) {
        LocalDate first = LocalDate.of(1, 1, 1);
        LocalDate last = LocalDate.of(9999, 12, 31);
        return date.isBefore(first) ? first : date.isAfter(last) ? last : date;
    }

    /** ISO text that sorts like the date (years 1 to 9999, where the text has no sign). */
    private static String text(LocalDate date) {
        return clamp(date).toString();
    }

    private static String text(YearMonth month) {
        return month.toString();
    }

    private List<HistoryRow> rows(String sql, String from, String to) {
        List<HistoryRow> out = new ArrayList<>();
        if (connection == null) {
            return out;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, from);
            ps.setString(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HistoryRow(rs.getString(1), totals(rs, 2)));
                }
            }
        } catch (SQLException e) {
            warnings.accept(file + ": could not read the history (" + oneLine(e) + ")");
        }
        return out;
    }

    private void writeTransaction(HourRecord hour) throws SQLException {
        Connection c = connection;
        c.setAutoCommit(false);
        long start = hour.startEpochSeconds();
        LocalDate day = hour.start().toLocalDate();
        YearMonth month = YearMonth.from(hour.start());
        Totals old = select(c, "SELECT " + COLUMNS + " FROM hour WHERE start = ?", start);
        Totals now = hour.totals();
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO hour (start, hour, day, " + COLUMNS
                + ", lifetime_end_kwh) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, start);
            ps.setString(2, HOUR_FORMAT.format(hour.start()));
            ps.setString(3, day.toString());
            bind(ps, 4, now);
            setReal(ps, 11, hour.lifetimeEndKWh());
            ps.executeUpdate();
        }
        rollUp(c, "day", "day", day.toString(), old, now);
        rollUp(c, "month", "month", month.toString(), old, now);
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO event (at_ms, type, json) VALUES (?, ?, ?)")) {
            for (HistoryEvent e : hour.events()) {
                ps.setLong(1, e.epochMillis());
                ps.setString(2, e.type());
                ps.setString(3, e.json());
                ps.addBatch();
            }
            if (!hour.events().isEmpty()) {
                ps.executeBatch();
            }
        }
        prune(c, start, day);
        c.commit();
        c.setAutoCommit(true);
    }

    private void rollUp(Connection c, String table, String key, String value, Totals oldHour, Totals newHour)
            throws SQLException {
        Totals base = select(c, "SELECT " + COLUMNS + " FROM " + table + " WHERE " + key + " = ?", value);
        long hours = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT hours FROM " + table + " WHERE " + key + " = ?")) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    hours = rs.getLong(1);
                }
            }
        }
        Totals merged = (base == null ? Totals.EMPTY : base).replace(oldHour == null ? Totals.EMPTY : oldHour, newHour);
        try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + table + " (" + key + ", hours, "
                + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, value);
            ps.setLong(2, hours + (oldHour == null ? 1 : 0));
            bind(ps, 3, merged);
            ps.executeUpdate();
        }
    }

    private void prune(Connection c, long newestStart, LocalDate newestDay) throws SQLException {
        try (PreparedStatement hours = c.prepareStatement("DELETE FROM hour WHERE start < ?");
             PreparedStatement days = c.prepareStatement("DELETE FROM day WHERE day < ?");
             PreparedStatement events = c.prepareStatement("DELETE FROM event WHERE at_ms < ?")) {
            hours.setLong(1, newestStart - (long) retention.keepHours() * 3600);
            hours.executeUpdate();
            LocalDate oldestDay = newestDay.minusDays(retention.keepDays() - 1L);
            days.setString(1, oldestDay.toString());
            days.executeUpdate();
            events.setLong(1, (newestStart - (long) retention.keepDays() * 86400) * 1000);
            events.executeUpdate();
        }
    }

    private static Totals select(Connection c, String sql, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? totals(rs, 1) : null;
            }
        }
    }

    private static Totals totals(ResultSet rs, int first) throws SQLException {
        return new Totals(rs.getDouble(first), rs.getLong(first + 1), real(rs, first + 2), rs.getDouble(first + 3),
                real(rs, first + 4), real(rs, first + 5), rs.getDouble(first + 6));
    }

    private static void bind(PreparedStatement ps, int first, Totals t) throws SQLException {
        ps.setDouble(first, t.energyKWh());
        ps.setLong(first + 1, t.samples());
        setReal(ps, first + 2, t.voltageMinV());
        ps.setDouble(first + 3, t.voltageSumV());
        setReal(ps, first + 4, t.voltageMaxV());
        setReal(ps, first + 5, t.powerMaxW());
        ps.setDouble(first + 6, t.relayClosedSeconds());
    }

    private static double real(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static void setReal(PreparedStatement ps, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            ps.setDouble(index, value);
        } else {
            ps.setNull(index, Types.REAL);
        }
    }

    private boolean connectForWriting() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.createDirectories(directory);
                connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                try (Statement st = connection.createStatement()) {
                    st.execute("PRAGMA busy_timeout=5000");
                    try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                        String result = rs.next() ? rs.getString(1) : "no answer";
                        if (!"ok".equals(result)) {
                            throw new SQLException("integrity check: " + result, "", SQLITE_CORRUPT);
                        }
                    }
                    try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                        String mode = rs.next() ? rs.getString(1) : "";
                        if (!"wal".equalsIgnoreCase(mode)) {
                            throw new SQLException("cannot use a WAL journal (" + mode + ")", "", SQLITE_CANTOPEN);
                        }
                    }
                    st.execute("PRAGMA synchronous=FULL");
                    for (String ddl : SCHEMA.split(";")) {
                        if (!ddl.isBlank()) {
                            st.execute(ddl);
                        }
                    }
                    st.executeQuery("SELECT start, hour, day, " + COLUMNS + ", lifetime_end_kwh FROM hour LIMIT 1").close();
                    st.executeQuery("SELECT day, hours, " + COLUMNS + " FROM day LIMIT 1").close();
                    st.executeQuery("SELECT month, hours, " + COLUMNS + " FROM month LIMIT 1").close();
                    st.executeQuery("SELECT at_ms, type, json FROM event LIMIT 1").close();
                }
                return true;
            } catch (SQLException e) {
                close();
                if (attempt == 0 && damaged(e, true) && Files.exists(file)) {
                    moveAside(e);
                    continue;
                }
                warnings.accept(file + ": history unavailable (" + oneLine(e) + "); the meter runs on without it");
                return false;
            } catch (IOException | RuntimeException e) {
                close();
                warnings.accept(file + ": history unavailable (" + oneLine(e) + "); the meter runs on without it");
                return false;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} means the file itself is bad: corrupt or not a database, and at opening also a file that
     * cannot be opened or lacks our tables. A full disk, an I/O error, a read-only file system or another process
     * holding a lock are not the file's fault: such a database is never moved aside.
     */
    private static boolean damaged(SQLException e, boolean opening) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB
                || opening && (code == SQLITE_CANTOPEN || code == SQLITE_ERROR);
    }

    private void moveAside(SQLException cause) {
        close();
        String suffix = ".corrupt-" + SUFFIX.format(wallClock.instant());
        Path target = directory.resolve(FILE + suffix);
        try {
            for (String extra : new String[] {"-wal", "-shm"}) {
                Path side = directory.resolve(FILE + extra);
                if (Files.exists(side)) {
                    Files.move(side, directory.resolve(FILE + extra + suffix), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, target, StandardCopyOption.REPLACE_EXISTING);
            warnings.accept(file + ": corrupt or unreadable (" + oneLine(cause) + "), moved aside to "
                    + target.getFileName() + "; starting a new history");
        } catch (IOException | RuntimeException e) {
            warnings.accept(file + ": corrupt or unreadable (" + oneLine(cause) + ") and cannot be moved aside ("
                    + oneLine(e) + ")");
        }
    }

    private void rollbackQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            close();
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.replace('\n', ' ').strip();
    }
}
