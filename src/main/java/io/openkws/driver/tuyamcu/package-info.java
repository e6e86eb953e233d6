/**
 * The TuyaMCU protocol as bytes: frames ({@code 55 AA ver cmd lenH lenL data... sum}), their checksum, an
 * incremental decoder that resynchronises after garbage, and the data points carried by state frames.
 *
 * <p>Shared by {@code decode tuyamcu} (which reads captures) and the TuyaMCU bridge (which answers a WiFi module
 * live), so both find, accept and reject exactly the same frames. Also holds the byte-pipe seam
 * {@link io.openkws.driver.tuyamcu.TuyaMcuLink} that {@code io.serial} and the simulations implement.
 *
 * <p>May use: the JDK only. Knows nothing of protection, the device service, the UI or MQTT.
 */
package io.openkws.driver.tuyamcu;
