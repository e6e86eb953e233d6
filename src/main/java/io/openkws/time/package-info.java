/**
 * Injected time: {@link io.openkws.time.Clock} (monotonic time, waiting, timers), the machine's
 * {@link io.openkws.time.SystemClock} and the {@link io.openkws.time.VirtualClock} that simulations and tests
 * move by hand. Logic code never reads the wall clock or sleeps on its own.
 *
 * <p>May use: the JDK only. Every layer may use it.
 */
package io.openkws.time;
