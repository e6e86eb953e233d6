/**
 * The HT7017 traffic decoder: pairs an MCU's commands with the chip's replies in a sniffed capture
 * ({@link io.openkws.decode.ht7017.Ht7017TrafficDecoder}), renders them for people or as JSON lines, and turns
 * the calibration a stock MCU wrote at boot into an openkws profile
 * ({@link io.openkws.decode.ht7017.CalibrationExtractor}).
 *
 * <p>May use: {@code decode}, {@code driver.ht7017} (frames and registers, so decoder and driver agree), the root
 * {@code io.openkws.UserInput}, the JDK. Must not use: {@code meter}, {@code protect}, {@code ui},
 * {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.decode.ht7017;
