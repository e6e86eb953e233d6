package io.openkws.decode.tuyamcu;

import java.util.Optional;

/**
 * The six TuyaMCU data-point types, with their wire codes and the names the JSON output uses.
 *
 * <p>Exists because the type byte decides how a data point's value bytes are read: raw bytes (0), a 1-byte bool
 * (1), a 4-byte signed big-endian value (2), a string (3), a 1-byte enum index (4), a 1/2/4-byte bitmap (5).
 */
public enum TuyaDpType {
    RAW(0, "raw"), BOOL(1, "bool"), VALUE(2, "value"), STRING(3, "string"), ENUM(4, "enum"), BITMAP(5, "bitmap");

    private final int code;
    private final String jsonName;

    TuyaDpType(int code, String jsonName) {
        this.code = code;
        this.jsonName = jsonName;
    }

    public int code() {
        return code;
    }

    /** {@code bool|value|string|enum|bitmap|raw}, as design.md's decoder output names them. */
    public String jsonName() {
        return jsonName;
    }

    public static Optional<TuyaDpType> ofCode(int code) {
        for (TuyaDpType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
