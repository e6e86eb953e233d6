package io.openkws.driver.tuyamcu;

import java.util.Optional;

/**
 * The six TuyaMCU data-point types with their wire codes: raw bytes (0), a 1-byte bool (1), a 4-byte signed
 * big-endian value (2), a string (3), a 1-byte enum index (4), a 1/2/4-byte bitmap (5).
 *
 * <p>Exists because the type byte decides how many value bytes are legal and how they are read.
 */
public enum DpType {
    RAW(0, "raw"), BOOL(1, "bool"), VALUE(2, "value"), STRING(3, "string"), ENUM(4, "enum"), BITMAP(5, "bitmap");

    private final int code;
    private final String wireName;

    DpType(int code, String wireName) {
        this.code = code;
        this.wireName = wireName;
    }

    public int code() {
        return code;
    }

    /** {@code raw|bool|value|string|enum|bitmap}. */
    public String wireName() {
        return wireName;
    }

    /** Whether a value of this type may be {@code length} bytes long. */
    public boolean accepts(int length) {
        return switch (this) {
            case RAW, STRING -> true;
            case BOOL, ENUM -> length == 1;
            case VALUE -> length == 4;
            case BITMAP -> length == 1 || length == 2 || length == 4;
        };
    }

    public static Optional<DpType> ofCode(int code) {
        for (DpType t : values()) {
            if (t.code == code) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
