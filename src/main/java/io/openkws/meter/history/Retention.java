package io.openkws.meter.history;

/**
 * How long the history keeps its rows (config {@code history.keepHours}, {@code history.keepDays}); monthly rows
 * are kept for ever.
 *
 * <p>Exists so the store's pruning and the configuration share one definition and one set of defaults: a year
 * and a day of hourly rows (about 1 MB), ten years of daily rows and events.
 *
 * @param keepHours hourly rows older than this many hours before the newest one are deleted
 * @param keepDays  daily rows and events older than this many days before the newest hour's day are deleted
 */
public record Retention(int keepHours, int keepDays) {

    /** Default {@code history.keepHours}: 366 days. */
    public static final int DEFAULT_KEEP_HOURS = 366 * 24;
    /** Default {@code history.keepDays}: about ten years. */
    public static final int DEFAULT_KEEP_DAYS = 3660;
    /** The defaults. */
    public static final Retention DEFAULT = new Retention(DEFAULT_KEEP_HOURS, DEFAULT_KEEP_DAYS);

    public Retention {
        if (keepHours < 1 || keepDays < 1) {
            throw new IllegalArgumentException("retention must be at least 1 hour and 1 day");
        }
    }
}
