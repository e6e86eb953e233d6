/**
 * The driver line seams on a Raspberry Pi through Pi4J: relay coils, buttons, relay feedback and TM1622 lines as
 * {@code driver.pin} inputs and outputs, built from a {@code board} file ({@link io.openkws.io.gpio.GpioBoard}).
 * A line that cannot be created is a {@link io.openkws.io.gpio.GpioException}.
 *
 * <p>May use: {@code driver.pin}, {@code driver.button}, {@code driver.relay}, {@code board}, {@code time}, the
 * root {@code io.openkws.UserInput}, Pi4J. Must not use: {@code meter}, {@code protect}, {@code ui},
 * {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.io.gpio;
