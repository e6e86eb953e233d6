package io.openkws.meter.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hour arithmetic: energy as differences of lifetime totals, boundaries, gaps, resets, caps and resuming. */
class HourAccumulatorTest {

    static final long T0 = ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant().toEpochMilli();
    static final long HOUR = 3_600_000L;

    /** Feeds a constant load every {@code stepMillis} from {@code fromMillis} (exclusive of the end). */
    static List<HourRecord> constant(HourAccumulator acc, long fromMillis, long toMillis, long stepMillis,
                                     double powerW, double startKWh) {
        List<HourRecord> closed = new ArrayList<>();
        for (long t = fromMillis; t < toMillis; t += stepMillis) {
            double lifetime = startKWh + powerW / 1000.0 * (t - fromMillis) / HOUR;
            acc.add(new HistorySample(t, 230, powerW, true, lifetime)).ifPresent(closed::add);
        }
        return closed;
    }

    @Test
    void three_hours_at_two_kilowatts_are_three_hours_of_two_kilowatt_hours() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        List<HourRecord> closed = constant(acc, T0, T0 + 3 * HOUR + 1, 1000, 2000, 10);
        assertEquals(3, closed.size());
        for (int h = 0; h < 3; h++) {
            HourRecord r = closed.get(h);
            assertEquals(T0 / 1000 + h * 3600L, r.startEpochSeconds());
            assertEquals(2.0, r.totals().energyKWh(), 1e-9);
            assertEquals(60.0, r.totals().relayClosedMinutes(), 1e-9);
            assertEquals(3600, r.totals().samples());
            assertEquals(230.0, r.totals().voltageAvgV(), 1e-9);
            assertEquals(2000.0, r.totals().powerMaxW());
            assertEquals(10 + 2.0 * (h + 1), r.lifetimeEndKWh(), 1e-9);
        }
    }

    @Test
    void a_sample_that_stands_for_several_readings_weighs_that_many_in_the_average_and_the_count() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0, 262, 100, true, 1.0));
        acc.add(new HistorySample(T0 + 4000, 230, 100, true, 1.0, 151));
        Totals t = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow().totals();
        assertEquals(152, t.samples());
        assertEquals((262 + 151 * 230.0) / 152, t.voltageAvgV(), 1e-9);
        assertEquals(230.0, t.voltageMinV());
        assertEquals(262.0, t.voltageMaxV());
        assertEquals(4.0, t.relayClosedSeconds(), 1e-12, "time still comes from the timestamps");
    }

    @Test
    void samples_straddling_the_boundary_split_energy_and_relay_time_in_proportion() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0 + HOUR - 1000, 230, 1000, true, 5.0));
        HourRecord closed = acc.add(new HistorySample(T0 + HOUR + 3000, 231, 1000, false, 5.4)).orElseThrow();
        assertEquals(0.1, closed.totals().energyKWh(), 1e-12);
        assertEquals(5.1, closed.lifetimeEndKWh(), 1e-12);
        assertEquals(1.0, closed.totals().relayClosedSeconds(), 1e-12);
        HourRecord next = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(0.3, next.totals().energyKWh(), 1e-12);
        assertEquals(3.0, next.totals().relayClosedSeconds(), 1e-12);
        assertEquals(231.0, next.totals().voltageMinV());
    }

    @Test
    void after_a_long_gap_the_energy_goes_to_the_later_hour_and_no_relay_time_is_counted() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0 + 10_000, 230, 500, true, 1.0));
        HourRecord closed = acc.add(new HistorySample(T0 + 3 * HOUR + 10_000, 230, 500, true, 1.5)).orElseThrow();
        assertEquals(0.0, closed.totals().energyKWh());
        assertEquals(0.0, closed.totals().relayClosedSeconds());
        HourRecord later = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(T0 / 1000 + 3 * 3600, later.startEpochSeconds());
        assertEquals(0.5, later.totals().energyKWh(), 1e-12);
        assertEquals(0.0, later.totals().relayClosedSeconds());
    }

    @Test
    void a_lower_lifetime_total_is_a_user_reset_counted_from_zero() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0, 230, 0, true, 100.0));
        acc.add(new HistorySample(T0 + 1000, 230, 0, true, 100.2));
        acc.add(new HistorySample(T0 + 2000, 230, 0, true, 0.05));
        HourRecord r = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(0.25, r.totals().energyKWh(), 1e-12);
        assertEquals(0.05, r.lifetimeEndKWh(), 1e-12);
    }

    @Test
    void a_closing_hour_stops_at_the_durable_total_and_carries_the_rest_into_the_next_hour() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0, 230, 1000, true, 0.0), 0.0);
        acc.add(new HistorySample(T0 + HOUR - 1000, 230, 1000, true, 1.0), 0.4);
        HourRecord closed = acc.add(new HistorySample(T0 + HOUR, 230, 1000, true, 1.0), 0.4).orElseThrow();
        assertEquals(0.4, closed.totals().energyKWh(), 1e-12);
        assertEquals(0.4, closed.lifetimeEndKWh(), 1e-12);
        acc.add(new HistorySample(T0 + HOUR + 1000, 230, 1000, true, 1.2), 1.2);
        HourRecord next = acc.inProgress(1.2).orElseThrow();
        assertEquals(0.8, next.totals().energyKWh(), 1e-12);
        assertEquals(1.2, closed.lifetimeEndKWh() + next.totals().energyKWh(), 1e-12);
    }

    @Test
    void resuming_in_a_later_hour_counts_the_energy_saved_since_the_last_stored_hour_once() {
        HourRecord stored = new HourRecord(ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                new Totals(1.0, 10, 229, 2300, 231, 900, 600), 7.0, List.of());
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.of(stored));
        acc.add(new HistorySample(T0 + 2 * HOUR + 5000, 230, 0, false, 7.3));
        HourRecord r = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(T0 / 1000 + 2 * 3600, r.startEpochSeconds());
        assertEquals(0.3, r.totals().energyKWh(), 1e-12);
        assertEquals(1, r.totals().samples());
    }

    @Test
    void resuming_in_the_stored_hour_continues_its_aggregates() {
        HourRecord stored = new HourRecord(ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                new Totals(1.0, 10, 229, 2300, 231, 900, 600), 7.0, List.of());
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.of(stored));
        acc.add(new HistorySample(T0 + HOUR / 2, 235, 1200, true, 7.0));
        acc.add(new HistorySample(T0 + HOUR / 2 + 10_000, 225, 1100, true, 7.5));
        HourRecord closed = acc.add(new HistorySample(T0 + HOUR + 5_000, 230, 100, true, 7.5)).orElseThrow();
        Totals t = closed.totals();
        assertEquals(1.5, t.energyKWh(), 1e-12);
        assertEquals(12, t.samples());
        assertEquals(225.0, t.voltageMinV());
        assertEquals(235.0, t.voltageMaxV());
        assertEquals(1200.0, t.powerMaxW());
        assertEquals(2300 + 235 + 225, t.voltageSumV(), 1e-9);
        assertEquals(600 + 10, t.relayClosedSeconds(), 1e-9);
    }

    @Test
    void a_total_lower_than_the_stored_one_after_a_restart_adds_nothing() {
        HourRecord stored = new HourRecord(ZonedDateTime.of(2026, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                Totals.EMPTY, 7.0, List.of());
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.of(stored));
        acc.add(new HistorySample(T0 + 5 * HOUR, 230, 0, false, 6.0));
        acc.add(new HistorySample(T0 + 5 * HOUR + 1000, 230, 0, false, 6.1));
        assertEquals(0.1, acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow().totals().energyKWh(), 1e-12);
    }

    @Test
    void a_sample_stamped_before_the_hour_in_progress_counts_in_it() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0 + HOUR + 1000, 230, 0, true, 1.0));
        assertTrue(acc.add(new HistorySample(T0 + 1000, 230, 0, true, 1.2)).isEmpty());
        HourRecord r = acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(T0 / 1000 + 3600, r.startEpochSeconds());
        assertEquals(0.2, r.totals().energyKWh(), 1e-12);
    }

    @Test
    void events_are_kept_with_their_hour_and_an_event_in_a_later_hour_closes_the_hour() {
        HourAccumulator acc = new HourAccumulator(ZoneOffset.UTC, Optional.empty());
        acc.add(new HistorySample(T0 + 1000, 230, 0, true, 1.0));
        HistoryEvent trip = new HistoryEvent(T0 + 2000, "trip", "{\"t\":2.000,\"type\":\"trip\"}");
        assertTrue(acc.addEvent(trip, Double.POSITIVE_INFINITY).isEmpty());
        HistoryEvent later = new HistoryEvent(T0 + HOUR + 2000, "relay", "{\"t\":3602.000,\"type\":\"relay\"}");
        HourRecord closed = acc.addEvent(later, Double.POSITIVE_INFINITY).orElseThrow();
        assertEquals(List.of(trip), closed.events());
        assertEquals(1.0, closed.lifetimeEndKWh());
        assertEquals(List.of(later), acc.inProgress(Double.POSITIVE_INFINITY).orElseThrow().events());
        assertTrue(acc.advanceTo(T0 + 2 * HOUR - 1, Double.POSITIVE_INFINITY).isEmpty());
        assertEquals(T0 / 1000 + 3600,
                acc.advanceTo(T0 + 2 * HOUR, Double.POSITIVE_INFINITY).orElseThrow().startEpochSeconds());
    }

    @Test
    void hours_and_days_follow_the_local_clock_of_the_zone() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        HourAccumulator acc = new HourAccumulator(paris, Optional.empty());
        long lateEvening = ZonedDateTime.of(2026, 3, 1, 23, 30, 0, 0, paris).toInstant().toEpochMilli();
        acc.add(new HistorySample(lateEvening, 230, 0, false, 0));
        HourRecord closed = acc.add(new HistorySample(lateEvening + HOUR, 230, 0, false, 0)).orElseThrow();
        assertEquals(ZonedDateTime.of(2026, 3, 1, 23, 0, 0, 0, paris), closed.start());
        assertEquals("2026-03-01T23:00+01:00", HistoryStore.HOUR_FORMAT.format(closed.start()));
        assertEquals("2026-03-02", acc.inProgress(0).orElseThrow().start().toLocalDate().toString());
    }
}
