package io.openkws.meter.history;

/**
 * One row of history read back: an hour, a day or a month, with its aggregates.
 *
 * @param period the hour as ISO-8601 with offset ({@code 2026-01-01T00:00Z}), the day ({@code 2026-01-01}) or the
 *               month ({@code 2026-01})
 * @param totals the period's aggregates
 */
public record HistoryRow(String period, Totals totals) {
}
