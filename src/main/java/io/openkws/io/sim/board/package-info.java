/**
 * The simulated board's GPIO side: the latching relay watching its coil lines, the buttons, the relay feedback,
 * edge inputs driven by simulated chips, and the "true" mains ({@link io.openkws.io.sim.board.SimMains}) that the
 * chip simulators measure.
 *
 * <p>Implements the {@code driver.pin} seams. May use: {@code driver.pin}, {@code driver.button},
 * {@code driver.relay} (their constants and types), {@code board}, {@code time}, the JDK. Must not use:
 * {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.io.sim.board;
