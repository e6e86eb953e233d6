/**
 * A register-level HT7017 simulator from the fact sheet ({@link io.openkws.io.sim.ht7017.Ht7017Sim}), its analog
 * front-end model, injected link faults, an in-process link that costs the real wire's time, and a server that
 * puts it on a pseudo-terminal.
 *
 * <p>Implements {@code driver.ht7017}'s link seam. May use: {@code driver.ht7017} (frames and registers),
 * {@code io.sim.uart}, {@code io.sim.board} (the mains it measures), {@code yaml} (front-end files),
 * {@code time}, the JDK. Must not use: {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends,
 * {@code app}, {@code cli}.
 */
package io.openkws.io.sim.ht7017;
