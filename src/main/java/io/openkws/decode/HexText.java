package io.openkws.decode;

import java.util.HexFormat;

/**
 * Short hex renderings of byte runs for decoder messages (long runs are cut with an ellipsis).
 *
 * <p>Exists so both decoders show skipped bytes the same way, without flooding a terminal with a megabyte of
 * garbage.
 */
public final class HexText {

    private static final int MAX_SHOWN = 16;

    private HexText() {
    }

    /** Space-separated uppercase hex of at most 16 bytes, then {@code ...} if there were more. */
    public static String preview(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder();
        int shown = Math.min(to, from + MAX_SHOWN);
        for (int i = from; i < shown; i++) {
            if (i > from) {
                sb.append(' ');
            }
            sb.append(HexFormat.of().withUpperCase().toHexDigits(bytes[i]));
        }
        if (to > shown) {
            sb.append(" ...");
        }
        return sb.toString();
    }
}
