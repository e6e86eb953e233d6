/**
 * The on-device UI: pages and messages as {@link io.openkws.ui.LcdFrame}s, the settings menu and its button
 * gestures ({@link io.openkws.ui.DeviceUi}), the LCD field layout rules, the segment map and font that turn a
 * frame into TM1622 RAM, and renderings of that RAM (terminal, SVG). Text the display cannot show is a
 * {@link io.openkws.ui.DisplayTextException}; a bad segment map file a {@code conf.ConfigException}.
 *
 * <p>Driven by plain values and button events handed to it. May use: {@code protect} (settings and their specs,
 * faults), {@code driver.button}, {@code driver.tm1622} (RAM images), {@code yaml} (segment map file), the root
 * {@code io.openkws.UserInput}, the JDK. Must not use: {@code service}, front-ends, {@code io.*}, {@code app},
 * {@code cli}.
 */
package io.openkws.ui;
