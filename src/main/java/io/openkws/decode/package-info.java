/**
 * What every traffic decoder of {@code openkws decode} shares: the text capture format
 * ({@link io.openkws.decode.CaptureText}, lines such as {@code MCU> 6A 08}), directions, the events a decoder
 * reports and hex renderings. The decoders themselves sit side by side in {@code decode.ht7017},
 * {@code decode.tuyamcu} and {@code decode.tm1622}. A capture that cannot be decoded as given is a
 * {@link io.openkws.decode.CaptureException}, which {@code cli} reports as one line and exit code 2.
 *
 * <p>May use: {@code yaml} (bounded text reading), the root {@code io.openkws.UserInput}, the JDK. Must not use:
 * {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.decode;
