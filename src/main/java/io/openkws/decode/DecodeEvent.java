package io.openkws.decode;

/**
 * Something a traffic decoder found at a line of a capture: a decoded frame or transaction, or a problem.
 *
 * <p>Exists so a decoder can return frames and the problems between them in one list, in capture order, and the
 * command line can print them interleaved the way they happened on the wire.
 */
public interface DecodeEvent {

    /** 1-based line of the capture where this event's first byte is. */
    int line();
}
