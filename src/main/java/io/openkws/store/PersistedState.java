package io.openkws.store;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the meter must remember across power cuts: energy totals, run time, the remembered relay state and
 * the settings the user changed on the device or remotely.
 *
 * @param energyKWh        lifetime active energy, kWh (only a user reset lowers it)
 * @param energyTodayKWh   energy since local midnight of {@code day}, kWh
 * @param energyYesterdayKWh energy of the local day before {@code day}, kWh
 * @param day              local date {@code energyTodayKWh} belongs to
 * @param runTimeSeconds   seconds the relay has been closed, in total
 * @param relayOn          the relay state to restore with {@code powerOnState: memory}
 * @param settings         user-changed settings by name (numbers as decimal text, choices as words)
 * @param energyThisMonthKWh energy since the first of {@code day}'s month, kWh
 * @param energyLastMonthKWh energy of the calendar month before {@code day}'s, kWh
 */
public record PersistedState(double energyKWh, double energyTodayKWh, double energyYesterdayKWh, LocalDate day,
                             long runTimeSeconds, boolean relayOn, Map<String, String> settings,
                             double energyThisMonthKWh, double energyLastMonthKWh) {

    public PersistedState {
        settings = Map.copyOf(new TreeMap<>(settings));
    }

    /** A state without month totals (files written before they existed start the month at 0). */
    public PersistedState(double energyKWh, double energyTodayKWh, double energyYesterdayKWh, LocalDate day,
                          long runTimeSeconds, boolean relayOn, Map<String, String> settings) {
        this(energyKWh, energyTodayKWh, energyYesterdayKWh, day, runTimeSeconds, relayOn, settings, 0, 0);
    }

    /** The state of a meter that has never run. */
    public static PersistedState fresh(LocalDate today) {
        return new PersistedState(0, 0, 0, today, 0, false, Map.of(), 0, 0);
    }

    /**
     * Adds {@code deltaKWh} of energy measured on {@code today}, rolling today into yesterday at midnight and this
     * month into last month on the first.
     */
    public PersistedState addEnergy(double deltaKWh, LocalDate today) {
        PersistedState rolled = rollTo(today);
        return new PersistedState(rolled.energyKWh + deltaKWh, rolled.energyTodayKWh + deltaKWh,
                rolled.energyYesterdayKWh, rolled.day, rolled.runTimeSeconds, rolled.relayOn, rolled.settings,
                rolled.energyThisMonthKWh + deltaKWh, rolled.energyLastMonthKWh);
    }

    /**
     * Moves the daily and monthly counters to {@code today}: yesterday is the last day's total if it was the day
     * before, else 0; last month likewise.
     */
    public PersistedState rollTo(LocalDate today) {
        if (!today.isAfter(day)) {
            return this;
        }
        double yesterday = today.minusDays(1).equals(day) ? energyTodayKWh : 0;
        double thisMonth = energyThisMonthKWh;
        double lastMonth = energyLastMonthKWh;
        if (today.getYear() != day.getYear() || today.getMonth() != day.getMonth()) {
            lastMonth = today.withDayOfMonth(1).minusMonths(1).equals(day.withDayOfMonth(1)) ? energyThisMonthKWh : 0;
            thisMonth = 0;
        }
        return new PersistedState(energyKWh, 0, yesterday, today, runTimeSeconds, relayOn, settings, thisMonth,
                lastMonth);
    }

    public PersistedState withRunTime(long seconds) {
        return new PersistedState(energyKWh, energyTodayKWh, energyYesterdayKWh, day, seconds, relayOn, settings,
                energyThisMonthKWh, energyLastMonthKWh);
    }

    public PersistedState withRelayOn(boolean on) {
        return new PersistedState(energyKWh, energyTodayKWh, energyYesterdayKWh, day, runTimeSeconds, on, settings,
                energyThisMonthKWh, energyLastMonthKWh);
    }

    public PersistedState withSetting(String name, String value) {
        Map<String, String> changed = new TreeMap<>(settings);
        changed.put(name, value);
        return new PersistedState(energyKWh, energyTodayKWh, energyYesterdayKWh, day, runTimeSeconds, relayOn, changed,
                energyThisMonthKWh, energyLastMonthKWh);
    }

    /** The same state with exactly {@code changed} as its saved settings (invalid ones dropped at start). */
    public PersistedState withSettings(Map<String, String> changed) {
        return new PersistedState(energyKWh, energyTodayKWh, energyYesterdayKWh, day, runTimeSeconds, relayOn, changed);
    }

    /**
     * For a saved {@link #day} after {@code today} (the clock went back, or a bad RTC): starts a new day on
     * {@code today} as a rollover would, the saved day's energy becoming yesterday's. Without this the daily
     * counters would stay on the future day, never rolling over until the clock reached it.
     */
    public PersistedState restartDay(LocalDate today) {
        return new PersistedState(energyKWh, 0, energyTodayKWh, today, runTimeSeconds, relayOn, settings);
    }

    /** Energy counters to zero (user reset); run time and settings stay. */
    public PersistedState withEnergyCleared() {
        return new PersistedState(0, 0, 0, day, runTimeSeconds, relayOn, settings, 0, 0);
    }
}
