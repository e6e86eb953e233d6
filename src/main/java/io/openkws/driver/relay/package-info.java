/**
 * The latching relay: ON and OFF coil pulses with their timing, never both coils at once, without blocking the
 * caller ({@link io.openkws.driver.relay.LatchingRelay}).
 *
 * <p>May use: {@code driver.pin}, {@code time}, the JDK. Knows nothing of why the relay moves: the protection
 * engine decides, the controller in {@code app} calls this driver.
 */
package io.openkws.driver.relay;
