/**
 * The BL0942 metering chip on its UART (default 4800 8N1): frame codec, registers and the driver. Knows nothing
 * of protection, UI or MQTT; depends on {@code time} and
 * {@code driver.uart} (the UART chips' shared counters and resynchronisation) only. {@code io.*} implements {@link
 * io.openkws.driver.bl0942.Bl0942Link} (serial, simulator); {@code meter.bl0942} builds on the driver.
 */
package io.openkws.driver.bl0942;
