/**
 * The TuyaMCU bridge: openkws takes the stock PY32F's place on the UART to the meter's WiFi module (CBU/BK7231N),
 * so the Smart Life app, OpenBeken or Tasmota keep their data points while openkws' protection runs underneath.
 *
 * <p>A front-end like MQTT or the web console: it sees the device only through {@code io.openkws.service}, runs on
 * its own threads with bounded queues, and nothing the module sends can stop or delay protection.
 *
 * <p>May use: {@code io.openkws.service}, {@code io.openkws.protect} (the value types the service exposes),
 * {@code io.openkws.driver.tuyamcu} (frames, data points, the link seam), {@code io.openkws.config}
 * ({@link io.openkws.config.TuyaMcuConfig}), {@code io.openkws.time}, and {@code io.openkws.io.serial} only to open
 * the default jSerialComm link. Must not use: {@code app}, {@code cli}, {@code export.*}, {@code web} or any other
 * front-end, {@code meter}.
 */
package io.openkws.tuyamcu;
