/**
 * What the meter remembers across power cuts: energy totals, run time, the remembered relay state and saved
 * settings ({@link io.openkws.store.PersistedState}), written crash-safe and no more often than needed.
 *
 * <p>May use: Jackson, the JDK. Must not use any other openkws package: {@code app} decides what goes in,
 * {@code meter.history} shares its directory conventions.
 */
package io.openkws.store;
