/**
 * A simulated TM1622 ({@link io.openkws.io.sim.lcd.SimTm1622}) that decodes its CS, WR, DATA and RD edges into
 * command state and display RAM, written from the datasheet independently of the driver, and reports protocol
 * violations.
 *
 * <p>Serves the simulated board (the terminal console and the web console draw its RAM) and the trace decoder in
 * {@code decode.tm1622}. May use: {@code driver.pin}, {@code driver.tm1622} (RAM images, command codes),
 * {@code time}, the JDK. Must not use: {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends,
 * {@code app}, {@code cli}.
 */
package io.openkws.io.sim.lcd;
