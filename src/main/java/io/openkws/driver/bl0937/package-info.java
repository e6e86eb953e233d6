/**
 * The BL0937 (HLW8012-compatible) metering chip: pulse outputs CF (active power), CF1 (current or voltage, chosen
 * by SEL), measured from timestamped edges.
 *
 * <p>The driver turns edges into frequencies on a schedule that favours voltage, and {@link
 * io.openkws.driver.bl0937.Bl0937Scales} turns frequencies into volts, amps and watts with the datasheet's reference
 * design figures. Depends only on {@code io.openkws.driver.pin} and {@code io.openkws.time}: nothing here knows of
 * protection, display or export.
 */
package io.openkws.driver.bl0937;
