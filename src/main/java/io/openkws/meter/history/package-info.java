/**
 * Energy history for years of unattended running: hourly rows, daily and monthly roll-ups and the event log,
 * kept in an SQLite database ({@code history.db}) in the state directory.
 *
 * <p>Role: {@link io.openkws.meter.history.HourAccumulator} is the pure, allocation-light arithmetic the control
 * side feeds with {@link io.openkws.meter.history.HistorySample}s; {@link io.openkws.meter.history.HistoryStore}
 * is the database (one transaction per closed hour, idempotent, retention, corrupt files moved aside);
 * {@link io.openkws.meter.history.HistoryRecorder} joins the two on the thread that may block on the SD card.
 * The lifetime energy total itself stays in {@link io.openkws.store.StateStore}; the history is derived from it.
 *
 * <p>Dependencies: the JDK and {@code org.xerial:sqlite-jdbc} only; warnings go to a caller-supplied consumer. It
 * may use {@code io.openkws.store} (the state directory's conventions) and nothing above {@code meter}: it does not
 * import {@code protect}, {@code ui}, {@code app} or any front-end; events arrive as their design.md JSON lines.
 */
package io.openkws.meter.history;
