/**
 * The protection engine: a pure state machine. Readings with timestamps, user commands and ticks go in,
 * {@link io.openkws.protect.Decision}s come out; the controller in {@code app} executes them (relay first) and
 * reports {@link io.openkws.protect.Event}s. Also the settings it enforces, with their ranges and saved overrides.
 *
 * <p>Touches no I/O, threads or wall-clock time, holds no text encoding (event lines are
 * {@code service.EventJson}'s). May use: the JDK and the root {@code io.openkws.UserInput} (quoting a bad saved
 * value), nothing else; checked by {@code LayersPointOneWayTest}.
 */
package io.openkws.protect;
