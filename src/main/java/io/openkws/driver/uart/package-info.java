/**
 * What the drivers of register-based metering chips on a UART (HT7017, BL0942) share and is not protocol: the
 * wire counters, init and re-init counting, resynchronisation of a line that carried garbage, and interruptible
 * waits on the injected clock. Knows no chip and nothing of protection, UI or MQTT; depends on {@code time} only.
 * {@code driver.ht7017} and {@code driver.bl0942} build on it.
 */
package io.openkws.driver.uart;
