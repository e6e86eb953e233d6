/**
 * A TuyaMCU wire without hardware: {@link io.openkws.io.sim.tuyamcu.InProcessTuyaMcuLink} connects the bridge to a
 * module emulator in the same process (tests, simulation).
 *
 * <p>Implements the {@code io.openkws.driver.tuyamcu} link seam. May use: that package and the JDK.
 */
package io.openkws.io.sim.tuyamcu;
