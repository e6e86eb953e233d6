/**
 * The recording seams, side by side: {@link io.openkws.io.trace.RecordingHt7017Link} (both directions of the HT7017
 * UART as timestamped hex lines, the capture format {@code decode ht7017} reads) and
 * {@link io.openkws.io.trace.RecordingTm1622Bus} (every TM1622 line change, the CSV {@code decode tm1622} reads).
 * Each wraps a real or simulated seam and records golden traces.
 *
 * <p>May use: the driver seams it records ({@code driver.ht7017}, {@code driver.tm1622}), {@code time}, the JDK.
 * Must not use: {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.io.trace;
