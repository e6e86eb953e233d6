package io.openkws.meter.history;

import java.util.Locale;

/**
 * Text forms of history rows: CSV (fixed columns and decimals) and JSON lines.
 *
 * <p>Exists so {@code simulate --history} and {@code history --csv} write the same columns the same way, byte for
 * byte on every run and every machine: fixed decimals, {@link Locale#ROOT}, an empty field (CSV) or
 * {@code null} (JSON) where there is no reading. Columns: energy kWh (3 decimals), voltage min/avg/max
 * (1 decimal), peak power W (1 decimal), minutes with the relay closed (1 decimal).
 */
public final class HistoryFormat {

    private HistoryFormat() {
    }

    /** CSV header; {@code period} is hour, day or month. */
    public static String csvHeader(String period) {
        return period + ",energy_kwh,voltage_min,voltage_avg,voltage_max,power_max_w,relay_closed_min";
    }

    /** One CSV line, no newline. */
    public static String csv(HistoryRow row) {
        Totals t = row.totals();
        return row.period() + "," + fixed(t.energyKWh(), 3) + "," + fixed(t.voltageMinV(), 1) + ","
                + fixed(t.voltageAvgV(), 1) + "," + fixed(t.voltageMaxV(), 1) + "," + fixed(t.powerMaxW(), 1) + ","
                + fixed(t.relayClosedMinutes(), 1);
    }

    /** One JSON object, no newline: {@code {"hour":"2026-01-01T00:00Z","energyKWh":2.000,...}}. */
    public static String json(String period, HistoryRow row) {
        Totals t = row.totals();
        return "{\"" + period + "\":\"" + row.period() + "\",\"energyKWh\":" + number(t.energyKWh(), 3)
                + ",\"voltageMin\":" + number(t.voltageMinV(), 1) + ",\"voltageAvg\":" + number(t.voltageAvgV(), 1)
                + ",\"voltageMax\":" + number(t.voltageMaxV(), 1) + ",\"powerMaxW\":" + number(t.powerMaxW(), 1)
                + ",\"relayClosedMin\":" + number(t.relayClosedMinutes(), 1) + "}";
    }

    /** {@code value} with {@code decimals} decimals, empty when not a number; never "-0.0". */
    public static String fixed(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "";
        }
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.startsWith("-") && s.chars().allMatch(c -> c == '-' || c == '0' || c == '.') ? s.substring(1) : s;
    }

    private static String number(double value, int decimals) {
        String s = fixed(value, decimals);
        return s.isEmpty() ? "null" : s;
    }
}
