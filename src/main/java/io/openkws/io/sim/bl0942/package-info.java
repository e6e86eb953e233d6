/**
 * A register-level BL0942 simulator from the datasheet, its front-end model and an in-process link in virtual
 * time; served on a pseudo-terminal through {@code io.sim.uart}. Implements {@code driver.bl0942}'s link seam; may
 * depend on {@code driver.bl0942} (constants only), {@code io.sim.uart}, {@code io.sim.board}, {@code yaml},
 * {@code time} and the shared fault knobs of {@code io.sim.ht7017.Faults} and
 * current-offset models of {@code io.sim.ht7017.FrontEnd.OffsetModel}.
 */
package io.openkws.io.sim.bl0942;
