package io.openkws.decode;

import java.util.OptionalDouble;

/**
 * The bytes of one capture line with what the line says about them: where they are in the file, when the first
 * byte was seen (seconds, when the capture has timestamps) and who sent them (null when the line does not say).
 *
 * <p>Exists so decoders can point every frame and every problem back at a line of the user's file.
 */
public record CaptureChunk(int line, OptionalDouble timeSeconds, Direction direction, byte[] bytes) {

    public CaptureChunk {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Byte {@code i} of the line as an unsigned value. */
    public int at(int i) {
        return bytes[i] & 0xFF;
    }

    public int length() {
        return bytes.length;
    }
}
