/**
 * The MQTT / Home Assistant front-end: a thin adapter over {@link io.openkws.service.DeviceService}.
 *
 * <p>{@link io.openkws.export.mqtt.MqttFrontEnd} is the one entry point: it publishes {@code state} (from
 * {@link io.openkws.service.DeviceView}), {@code event} lines and Home Assistant discovery, and turns
 * {@code set/<name>} messages into {@link io.openkws.service.DeviceCommand}s answered on {@code result}. The pure
 * parts ({@link io.openkws.export.mqtt.CommandParser}, {@link io.openkws.export.mqtt.StateJson},
 * {@link io.openkws.export.mqtt.Discovery}, {@link io.openkws.export.mqtt.Topics}) hold no network code, so they
 * are tested and fuzzed on their own. {@link io.openkws.export.mqtt.EmbeddedBroker} is the in-process broker for
 * {@code mqtt.url: embedded}.
 *
 * <p>May use: {@code io.openkws.service} (the contract), {@code io.openkws.protect} (faults, alarms, settings'
 * specs, power-on state, event lines), {@code io.openkws.config} ({@code MqttConfig}), {@code io.openkws.time},
 * Paho, Moquette, Jackson, the JDK. Must not use: {@code app}, {@code cli}, {@code meter}, {@code driver}, {@code io}
 * or any other front-end.
 */
package io.openkws.export.mqtt;
