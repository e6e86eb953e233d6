package io.openkws.decode;

import java.util.Locale;

/**
 * Who sent a captured byte, as the capture's line prefix says ({@code MCU>}, {@code WIFI>}, {@code CHIP>}).
 *
 * <p>Exists because both byte-stream decoders must split interleaved traffic into one stream per sender before
 * they can frame it. On the KWS-302WF the MCU (PY32F002A) talks TuyaMCU to the WiFi module and HT7017 commands
 * to the metering chip; {@code CHIP} is the HT7017's replies.
 */
public enum Direction {
    MCU, WIFI, CHIP;

    /** The direction a token such as {@code MCU>} names, or null when the token is not a direction. */
    public static Direction ofToken(String token) {
        if (!token.endsWith(">")) {
            return null;
        }
        String name = token.substring(0, token.length() - 1).toUpperCase(Locale.ROOT);
        for (Direction d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    static boolean looksLikeDirection(String token) {
        return token.endsWith(">");
    }
}
