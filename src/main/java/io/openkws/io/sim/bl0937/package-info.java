/**
 * A BL0937 model in virtual time: pulse trains on CF and CF1 computed from the true mains values with the
 * datasheet's transfer functions, honouring SEL with a settling delay.
 *
 * <p>Drives {@code io.openkws.io.sim.board} edge pins and listens to a simulated SEL output; depends on
 * {@code io.openkws.time}, {@code io.openkws.yaml} (its model file), {@code io.openkws.io.sim.board}, the datasheet constants in
 * {@code io.openkws.driver.bl0937} and the HT7017 simulator's current-offset models
 * ({@code io.openkws.io.sim.ht7017.FrontEnd.OffsetModel}), so every simulated chip offers the same two. Nothing in the controller depends on this package except the simulated board
 * assembly and tests.
 */
package io.openkws.io.sim.bl0937;
