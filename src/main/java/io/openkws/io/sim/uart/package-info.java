/**
 * What every simulated UART chip shares: the wire model in time ({@link io.openkws.io.sim.uart.UartWire}), the
 * pseudo-terminal ({@link io.openkws.io.sim.uart.Pty}) and the server that paces a simulated chip on it. May
 * depend on {@code time} only; the chip simulators ({@code io.sim.ht7017}, {@code io.sim.bl0942}) depend on it.
 */
package io.openkws.io.sim.uart;
