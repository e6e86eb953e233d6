/**
 * The BL0937 behind the meter seam: {@link io.openkws.meter.bl0937.Bl0937Chip} turns the pulse driver's
 * frequencies into calibrated values with a {@link io.openkws.meter.bl0937.Bl0937Profile}.
 *
 * <p>May depend on {@code io.openkws.meter}, {@code io.openkws.driver.bl0937}, {@code io.openkws.yaml} and
 * {@code io.openkws.time}; never on protection, UI, MQTT or {@code io.*}.
 */
package io.openkws.meter.bl0937;
