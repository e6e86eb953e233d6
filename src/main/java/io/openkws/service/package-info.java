/**
 * The device service: the one seam every front-end (front panel, terminal console, MQTT, web console, TuyaMCU
 * bridge) talks to.
 *
 * <p>Holds only the contract: {@link io.openkws.service.DeviceService}, the neutral {@link io.openkws.service.DeviceView}
 * a front-end shows, the sealed {@link io.openkws.service.DeviceCommand} it sends, the {@link io.openkws.service.Outcome}
 * it gets back and the {@link io.openkws.service.DeviceEvent}s it may subscribe to. The implementation lives in
 * {@code io.openkws.app}, which assembles the device.
 *
 * <p>May use: {@code io.openkws.protect} (faults, alarms, settings, events), {@code io.openkws.driver.button}
 * (button names), {@code io.openkws.driver.tm1622} (the RAM image behind {@link io.openkws.service.Glass}),
 * Jackson (event lines, {@link io.openkws.service.EventJson}), the JDK. Must not use: {@code app}, {@code cli}, any front-end, {@code io.*}, {@code meter}
 * internals.
 */
package io.openkws.service;
