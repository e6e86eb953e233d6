package io.openkws.meter.history;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Folds readings and events into hours, in memory, and says when an hour is complete.
 *
 * <p>Exists so the arithmetic of the history (what an hour's energy, voltages, peak power and relay time are)
 * is pure, testable and cheap enough for the control side: {@link #add} allocates nothing except when an hour
 * closes. It does no I/O; {@link HistoryRecorder} writes what it returns.
 *
 * <p>Rules:
 * <ul>
 *   <li>Hours are the zone's clock hours ({@code 14:00} to {@code 15:00} local time). An hour closes when a
 *       sample, an event or {@link #advanceTo} reaches the next hour.</li>
 *   <li>Energy is the difference of lifetime totals between consecutive samples. When two samples at most
 *       {@link #MAX_GAP_MILLIS} apart straddle the boundary, their difference (and the relay time) is split in
 *       proportion to time; after a longer gap (the meter was lost, the process was stopped) it all goes to the
 *       later hour. A lifetime total lower than the previous one is a user reset: the new total counts from 0.</li>
 *   <li>Relay time: the time between two samples at most {@link #MAX_GAP_MILLIS} apart counts as closed when the
 *       earlier sample had the relay closed.</li>
 *   <li>Voltage average: the mean of the samples' voltages (samples come at the meter's steady poll rate), each
 *       counted {@link HistorySample#readings()} times.</li>
 *   <li>Durability cap: a closing hour never runs past {@code durableLifetimeKWh}, the total the state store has
 *       saved; the excess is carried into the next hour. So the history never holds energy the state store could
 *       lose in a power cut.</li>
 *   <li>Resuming after a restart ({@code resume} = the newest stored hour): energy is counted from that hour's
 *       {@link HourRecord#lifetimeEndKWh}, so energy the state store saved after the last stored hour (a crash
 *       between the state save and the history write) goes into the hour in progress, and none is counted twice.
 *       If the first sample falls in the resumed hour (a restart after a clean shutdown, or a clock behind),
 *       that hour continues from its stored aggregates and is written again whole. A total lower than the stored
 *       one (the state store fell back or was reset) adds nothing.</li>
 *   <li>Time never runs backwards for the history: a sample stamped before the hour in progress counts in it.</li>
 * </ul>
 * Not thread-safe: one thread feeds it.
 */
public final class HourAccumulator {

    /** Longest interval between two samples that is split across an hour boundary and counted as relay time. */
    public static final long MAX_GAP_MILLIS = 60_000;

    private final ZoneId zone;
    private HourRecord resume;

    private boolean open;
    private ZonedDateTime hourStart;
    private long hourEndMillis;
    private double energyKWh;
    private long samples;
    private double voltageMinV;
    private double voltageSumV;
    private double voltageMaxV;
    private double powerMaxW;
    private double relayClosedSeconds;
    private double lifetimeEndKWh;
    private List<HistoryEvent> events = new ArrayList<>();

    private boolean hasPrevious;
    private long previousMillis;
    private double previousLifetimeKWh;
    private boolean previousRelayClosed;
    private double baselineKWh = Double.NaN;

    /**
     * @param zone   the zone whose clock hours and dates the history uses
     * @param resume the newest hour already stored, if any, to continue from
     */
    public HourAccumulator(ZoneId zone, Optional<HourRecord> resume) {
        this.zone = zone;
        this.resume = resume.orElse(null);
        if (this.resume != null) {
            baselineKWh = this.resume.lifetimeEndKWh();
        }
    }

    /** The zone of the hours. */
    public ZoneId zone() {
        return zone;
    }

    /** Adds a sample with no durability cap; see {@link #add(HistorySample, double)}. */
    public Optional<HourRecord> add(HistorySample s) {
        return add(s, Double.POSITIVE_INFINITY);
    }

    /**
     * Adds a sample; returns the hour it completed, if any.
     *
     * @param durableLifetimeKWh the lifetime total the state store has saved; a closing hour stops there
     */
    public Optional<HourRecord> add(HistorySample s, double durableLifetimeKWh) {
        long t = hasPrevious ? Math.max(s.epochMillis(), previousMillis) : s.epochMillis();
        HourRecord closed = null;
        if (!open) {
            openAt(t);
        }
        double lifetime = s.lifetimeKWh();
        if (!hasPrevious) {
            double delta = Double.isNaN(baselineKWh) || lifetime < baselineKWh ? 0 : lifetime - baselineKWh;
            if (t >= hourEndMillis) {
                closed = close(durableLifetimeKWh);
                openAt(t);
            }
            energyKWh += delta;
            lifetimeEndKWh = lifetime;
        } else {
            long dt = t - previousMillis;
            boolean reset = lifetime < previousLifetimeKWh;
            double delta = reset ? lifetime : lifetime - previousLifetimeKWh;
            double relaySeconds = previousRelayClosed && dt <= MAX_GAP_MILLIS ? dt / 1000.0 : 0;
            if (t >= hourEndMillis) {
                if (dt <= MAX_GAP_MILLIS && dt > 0 && hourEndMillis > previousMillis) {
                    double before = (double) (hourEndMillis - previousMillis) / dt;
                    energyKWh += delta * before;
                    lifetimeEndKWh = (reset ? 0 : previousLifetimeKWh) + delta * before;
                    relayClosedSeconds += relaySeconds * before;
                    delta -= delta * before;
                    relaySeconds -= relaySeconds * before;
                }
                closed = close(durableLifetimeKWh);
                openAt(t);
            }
            energyKWh += delta;
            relayClosedSeconds += relaySeconds;
            lifetimeEndKWh = lifetime;
        }
        samples += s.readings();
        voltageSumV += s.voltageV() * s.readings();
        voltageMinV = Double.isNaN(voltageMinV) ? s.voltageV() : Math.min(voltageMinV, s.voltageV());
        voltageMaxV = Double.isNaN(voltageMaxV) ? s.voltageV() : Math.max(voltageMaxV, s.voltageV());
        powerMaxW = Double.isNaN(powerMaxW) ? s.powerW() : Math.max(powerMaxW, s.powerW());
        hasPrevious = true;
        previousMillis = t;
        previousLifetimeKWh = lifetime;
        previousRelayClosed = s.relayClosed();
        return Optional.ofNullable(closed);
    }

    /** Adds an event; returns the hour it completed, if any (an event in a later hour closes the current one). */
    public Optional<HourRecord> addEvent(HistoryEvent e, double durableLifetimeKWh) {
        HourRecord closed = advance(e.epochMillis(), durableLifetimeKWh);
        if (!open) {
            openAt(hasPrevious ? Math.max(e.epochMillis(), previousMillis) : e.epochMillis());
        }
        events.add(e);
        return Optional.ofNullable(closed);
    }

    /** Closes the hour in progress if {@code epochMillis} is past its end (a timer, when no samples arrive). */
    public Optional<HourRecord> advanceTo(long epochMillis, double durableLifetimeKWh) {
        return Optional.ofNullable(advance(epochMillis, durableLifetimeKWh));
    }

    /**
     * The hour in progress as it stands (for a clean shutdown, or for showing it), capped at
     * {@code durableLifetimeKWh}; the accumulator is unchanged. Empty when no hour is open.
     */
    public Optional<HourRecord> inProgress(double durableLifetimeKWh) {
        if (!open) {
            return Optional.empty();
        }
        double excess = excess(durableLifetimeKWh);
        return Optional.of(new HourRecord(hourStart, totals(energyKWh - excess), lifetimeEndKWh - excess, events));
    }

    /** Energy of the hour in progress so far, kWh (0 when none). */
    public double energyInProgressKWh() {
        return open ? energyKWh : 0;
    }

    /** Start of the hour in progress in epoch milliseconds, {@link Long#MIN_VALUE} when none (allocation-free). */
    public long hourInProgressMillis() {
        return open ? hourEndMillis - 3_600_000L : Long.MIN_VALUE;
    }

    /** Start of the hour in progress, if any. */
    public Optional<ZonedDateTime> hourInProgress() {
        return open ? Optional.of(hourStart) : Optional.empty();
    }

    /** Marks the in-progress hour's events as stored (after a successful {@link #inProgress} write). */
    public void eventsStored() {
        events = new ArrayList<>();
    }

    private HourRecord advance(long epochMillis, double durableLifetimeKWh) {
        if (!open || epochMillis < hourEndMillis) {
            return null;
        }
        return close(durableLifetimeKWh);
    }

    private void openAt(long epochMillis) {
        ZonedDateTime start = Instant.ofEpochMilli(epochMillis).atZone(zone).truncatedTo(ChronoUnit.HOURS);
        HourRecord seed = resume;
        resume = null;
        if (seed != null && !seed.start().toInstant().isBefore(start.toInstant())) {
            start = seed.start();
        } else {
            seed = null;
        }
        open = true;
        hourStart = start;
        hourEndMillis = start.plusHours(1).toInstant().toEpochMilli();
        Totals t = seed == null ? Totals.EMPTY : seed.totals();
        energyKWh += t.energyKWh();
        samples = t.samples();
        voltageMinV = t.voltageMinV();
        voltageSumV = t.voltageSumV();
        voltageMaxV = t.voltageMaxV();
        powerMaxW = t.powerMaxW();
        relayClosedSeconds = t.relayClosedSeconds();
        if (!hasPrevious) {
            lifetimeEndKWh = baselineKWh;
        }
    }

    private HourRecord close(double durableLifetimeKWh) {
        double excess = excess(durableLifetimeKWh);
        HourRecord closed = new HourRecord(hourStart, totals(energyKWh - excess), lifetimeEndKWh - excess, events);
        open = false;
        energyKWh = excess;
        events = new ArrayList<>();
        return closed;
    }

    private double excess(double durableLifetimeKWh) {
        if (!(lifetimeEndKWh > durableLifetimeKWh)) {
            return 0;
        }
        return Math.max(0, Math.min(lifetimeEndKWh - durableLifetimeKWh, energyKWh));
    }

    private Totals totals(double energy) {
        return new Totals(energy, samples, voltageMinV, voltageSumV, voltageMaxV, powerMaxW, relayClosedSeconds);
    }
}
