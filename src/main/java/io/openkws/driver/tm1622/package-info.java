/**
 * The TM1622 LCD controller on its 3-wire bus (plus optional RD): commands, RAM images and the driver, over the
 * seam {@link io.openkws.driver.tm1622.Tm1622Bus} that {@link io.openkws.driver.tm1622.PinTm1622Bus} puts on
 * plain lines and {@code io.trace.RecordingTm1622Bus} records.
 *
 * <p>May use: {@code driver.pin}, {@code time}, the JDK. Knows nothing of what is shown: the UI builds frames,
 * this package only writes bits.
 */
package io.openkws.driver.tm1622;
