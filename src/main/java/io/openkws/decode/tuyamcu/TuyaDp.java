package io.openkws.decode.tuyamcu;

import java.util.Objects;

/**
 * One decoded TuyaMCU data point: its id, its type and its value.
 *
 * <p>The value is a {@link Boolean} for bool, a {@link Long} for value (signed 32-bit), enum (0-255) and bitmap
 * (unsigned, 1/2/4 bytes), a {@link String} for string, and for raw a lowercase hex {@link String} without
 * separators: exactly what the JSON output prints.
 */
public record TuyaDp(int id, TuyaDpType type, Object value) {

    public TuyaDp {
        Objects.requireNonNull(type);
        Objects.requireNonNull(value);
    }

    /** The value as a number (value, enum, bitmap) or 0/1 (bool); strings and raw have none. */
    public long number() {
        return switch (value) {
            case Long l -> l;
            case Boolean b -> b ? 1 : 0;
            default -> throw new IllegalStateException("dp " + id + " is a " + type.jsonName() + ", not a number");
        };
    }
}
