/**
 * The HT7017 metering chip on its UART (4800 8E1): frame formats, the register map, and the driver with retries
 * over the byte-pipe seam {@link io.openkws.driver.ht7017.Ht7017Link}, which {@code io.serial} (jSerialComm),
 * {@code io.sim.ht7017} (simulator) and {@code io.trace} (recorder) implement.
 *
 * <p>May use: {@code time}, {@code driver.uart} (shared UART-chip scaffolding), the JDK. Knows nothing of the meter, protection, the UI, the device service or any
 * front-end; {@code meter.ht7017} builds on it.
 */
package io.openkws.driver.ht7017;
