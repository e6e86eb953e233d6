/**
 * The HT7017 behind the meter seam: its register poll schedule and calibration, on top of
 * {@code driver.ht7017}. May depend on {@code meter}, {@code driver.ht7017} and {@code time}; nothing above the meter.
 */
package io.openkws.meter.ht7017;
