/**
 * Digital lines as drivers see them: {@link io.openkws.driver.pin.InputPin},
 * {@link io.openkws.driver.pin.OutputPin} and timestamped {@link io.openkws.driver.pin.EdgeInputPin}, the seams
 * {@code io.gpio} (Pi4J) and {@code io.sim.board} implement.
 *
 * <p>May use: the JDK only. The bottom of the driver layer: every driver that touches a line uses it.
 */
package io.openkws.driver.pin;
