package io.openkws.meter.history;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * The history writer: an {@link HourAccumulator} whose closed hours go to a {@link HistoryStore}.
 *
 * <p>Exists so the control loop never touches the SD card for history: the control side hands
 * {@link HistorySample}s and {@link HistoryEvent}s to one writer thread (through a bounded queue), which calls
 * {@link #record}, {@link #event} and {@link #tick} here. Those do database work only when an hour closes, on the
 * calling thread: one transaction an hour, plus one at {@link #flush} (clean shutdown). Nothing here throws to the
 * caller; database trouble is a warning (see {@link HistoryStore}).
 *
 * <p>Ordering with the state store: {@code durableLifetimeKWh} returns the lifetime total the state store has
 * saved; no hour is written past it (the rest waits for the next hour), so the history never holds energy a power
 * cut could take from the state store. A caller that always saves the state before writing history may pass
 * {@code () -> Double.POSITIVE_INFINITY}.
 *
 * <p>A new, empty history writes its first hour as soon as the first sample arrives (once in its life): that row
 * stores the lifetime total the history starts from, so a crash before the first hour closes loses nothing.
 *
 * <p>{@link #monthTotals} may be called from any thread (MQTT {@code energyThisMonth}/{@code energyLastMonth}).
 */
public final class HistoryRecorder implements AutoCloseable {

    /** This month's and last month's energy, including the hour in progress. */
    public record MonthTotals(YearMonth month, double thisMonthKWh, double lastMonthKWh) {
    }

    private final HistoryStore store;
    private final HourAccumulator hours;
    private final DoubleSupplier durableLifetimeKWh;
    private YearMonth cachedMonth;
    private double storedThisMonthKWh;
    private double storedLastMonthKWh;
    private double openEnergyKWh;
    private YearMonth openMonth;
    private boolean anchored;
    private long openHourMillis = Long.MIN_VALUE;
    private YearMonth openHourMonth;

    public HistoryRecorder(HistoryStore store, ZoneId zone, DoubleSupplier durableLifetimeKWh) {
        Optional<HourRecord> newest = store.newestHour(zone);
        this.store = store;
        this.hours = new HourAccumulator(zone, newest);
        this.durableLifetimeKWh = durableLifetimeKWh;
        this.anchored = newest.isPresent();
    }

    /** Opens {@code stateDirectory}'s history (never throws; warnings go to {@code warnings}). */
    public static HistoryRecorder open(Path stateDirectory, Retention retention, ZoneId zone,
                                       DoubleSupplier durableLifetimeKWh, Consumer<String> warnings) {
        return new HistoryRecorder(HistoryStore.open(stateDirectory, retention, warnings, Clock.systemUTC()), zone,
                durableLifetimeKWh);
    }

    /** The store (for queries). */
    public HistoryStore store() {
        return store;
    }

    /** Adds a reading; writes the hour it completes, if any. */
    public void record(HistorySample sample) {
        hours.add(sample, durableLifetimeKWh.getAsDouble()).ifPresent(this::write);
        if (!anchored) {
            anchored = true;
            flush();
        }
        updateOpen();
    }

    /** Adds an event; it is stored with its hour. */
    public void event(HistoryEvent event) {
        hours.addEvent(event, durableLifetimeKWh.getAsDouble()).ifPresent(this::write);
        updateOpen();
    }

    /** Closes the hour in progress if {@code epochMillis} is past it (call now and then when no readings come). */
    public void tick(long epochMillis) {
        hours.advanceTo(epochMillis, durableLifetimeKWh.getAsDouble()).ifPresent(this::write);
        updateOpen();
    }

    /** Writes the hour in progress as it stands (clean shutdown); it is completed and rewritten later if the run goes on. */
    public void flush() {
        Optional<HourRecord> partial = hours.inProgress(durableLifetimeKWh.getAsDouble());
        if (partial.isPresent() && store.write(partial.get())) {
            hours.eventsStored();
            refreshStored(YearMonth.from(partial.get().start()));
        }
    }

    /** This month's and last month's energy (stored rows plus the hour in progress); any thread. */
    public synchronized MonthTotals monthTotals() {
        YearMonth month = openMonth != null ? openMonth : cachedMonth;
        if (month == null) {
            return new MonthTotals(YearMonth.from(Instant.now().atZone(hours.zone())), 0, 0);
        }
        double open = month.equals(openMonth) ? openEnergyKWh : 0;
        double stored = month.equals(cachedMonth) ? storedThisMonthKWh : 0;
        double last = month.equals(cachedMonth) ? storedLastMonthKWh : 0;
        return new MonthTotals(month, stored + open, last);
    }

    /** Flushes the hour in progress and closes the database. */
    @Override
    public void close() {
        flush();
        store.close();
    }

    private void write(HourRecord hour) {
        store.write(hour);
        refreshStored(YearMonth.from(hour.start()));
    }

    private void refreshStored(YearMonth month) {
        YearMonth current = hours.hourInProgress().map(YearMonth::from).orElse(month);
        double thisMonth = store.monthEnergyKWh(current);
        double lastMonth = store.monthEnergyKWh(current.minusMonths(1));
        synchronized (this) {
            cachedMonth = current;
            storedThisMonthKWh = thisMonth;
            storedLastMonthKWh = lastMonth;
        }
    }

    private void updateOpen() {
        long hourMillis = hours.hourInProgressMillis();
        if (hourMillis != openHourMillis) {
            openHourMillis = hourMillis;
            openHourMonth = hours.hourInProgress().map(YearMonth::from).orElse(null);
        }
        double energy = hours.energyInProgressKWh();
        YearMonth open = openHourMonth;
        boolean refresh;
        synchronized (this) {
            openMonth = open;
            openEnergyKWh = energy;
            refresh = open != null && !open.equals(cachedMonth);
        }
        if (refresh) {
            refreshStored(open);
        }
    }
}
