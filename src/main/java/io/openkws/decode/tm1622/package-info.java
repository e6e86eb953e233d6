/**
 * The TM1622 trace decoder: reads a logic-analyser CSV of the bus ({@link io.openkws.decode.tm1622.EdgeTraceCsv},
 * the format {@code lcd trace} writes) and replays it into a decoding {@code SimTm1622}, printing frames, RAM
 * images and protocol violations ({@link io.openkws.decode.tm1622.Tm1622TraceDecoder}).
 *
 * <p>Sits with the other decoders; the chip model it replays into is the simulator's, written independently of
 * the driver. May use: {@code io.sim.lcd} (the decoding chip), {@code driver.tm1622} (RAM images), {@code yaml}
 * (bounded line reading), {@code decode}, the root {@code io.openkws.UserInput}, the JDK. Must not use:
 * {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.decode.tm1622;
