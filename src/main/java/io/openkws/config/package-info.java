/**
 * The user's configuration file (design.md "Configuration file"), fully validated into
 * {@link io.openkws.config.Config} and its sections ({@link io.openkws.config.MqttConfig},
 * {@link io.openkws.config.TuyaMcuConfig}) before anything starts.
 *
 * <p>May use: {@code yaml} (the reader), {@code protect} (protection settings and power-on state are configured
 * here), {@code meter.history} (retention), {@code time}, the root
 * {@code io.openkws.UserInput}. Must not use: {@code io.*}, {@code driver.*},
 * {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}. Front-ends may read their own section.
 */
package io.openkws.config;
