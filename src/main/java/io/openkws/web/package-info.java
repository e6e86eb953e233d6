/**
 * The local web console: dashboard, glass and virtual front panel, settings, events, history and device pages, the
 * JSON API they use, Server-Sent Events, and Prometheus' {@code /metrics}.
 *
 * <p>{@link io.openkws.web.WebConsole#start} is the only entry point; it serves with the JDK's
 * {@code com.sun.net.httpserver} on virtual threads and talks to the meter only through
 * {@link io.openkws.service.DeviceService}, so nothing it does can delay protection. Pages and scripts are resources
 * under {@code /web/} in the jar (uPlot from its WebJar): the console works with no internet.
 *
 * <p>May use: {@code io.openkws.service}, {@code io.openkws.protect} (value types the service exposes),
 * {@code io.openkws.driver.button} and {@code io.openkws.driver.tm1622} (button names, the RAM image),
 * {@code io.openkws.config} ({@link io.openkws.config.WebConfig}), {@code io.openkws.time}, Jackson, the Prometheus
 * client, the JDK. Must not use: {@code app}, {@code cli}, {@code export.*}, {@code tuyamcu} or any other front-end,
 * {@code meter} internals, {@code io.*} drivers. History comes in through {@link io.openkws.web.HistorySource}.
 */
package io.openkws.web;
