/**
 * The BL0942 behind the meter seam: one full packet a poll, and its calibration profile. May depend on
 * {@code meter}, {@code driver.bl0942}, {@code yaml} and {@code time}; nothing above the meter.
 */
package io.openkws.meter.bl0942;
