package io.openkws.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the small text files the user edits (config, scenario, board, profile, front-end, segment map) with a
 * size bound and strict UTF-8.
 *
 * <p>Exists because {@code Files.readString} trusts its input: a 50 MB file or {@code /dev/zero} given as a config
 * ended in an {@link OutOfMemoryError} under the launcher's 64 MB heap, and a Latin-1 file gave
 * {@code cannot read: Input length = 1}. Here the size is checked while reading (a device or a pipe has no size
 * to ask for), so at most {@link #MAX_BYTES} + 1 bytes are ever held, and a byte that is not UTF-8 is reported
 * with its line and byte offset. Every problem is one {@link ConfigException} line naming the file.
 */
public final class TextFiles {

    /** Largest file accepted: 1 MiB, hundreds of times the largest real config or board file. */
    public static final int MAX_BYTES = 1 << 20;

    private TextFiles() {
    }

    /** The text of {@code file}; {@code shown} names it in messages. An absent file: "{@code shown}: file not found". */
    public static String read(Path file, String shown) {
        return read(file, shown, shown + ": file not found");
    }

    /** As {@link #read(Path, String)} with the message to give when the file does not exist. */
    public static String read(Path file, String shown, String notFoundMessage) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = readAtMost(in, MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(notFoundMessage);
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage());
        }
        if (bytes.length > MAX_BYTES) {
            throw new ConfigException(shown + ": too large (over " + MAX_BYTES / (1 << 20)
                    + " MB); this file is normally a few kB: is it the right file?");
        }
        return decodeUtf8(shown, bytes, 0, bytes.length, 1, 0);
    }

    /**
     * Decodes {@code bytes[from, to)} as strict UTF-8. On a bad byte, a {@link ConfigException} names
     * {@code shown}, the line (counting from {@code firstLine}) and the byte offset in the file (bytes before
     * {@code from} are {@code offsetOfFrom}).
     */
    public static String decodeUtf8(String shown, byte[] bytes, int from, int to, long firstLine, long offsetOfFrom) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            long line = firstLine;
            for (int i = from; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new ConfigException(String.format(Locale.ROOT,
                    "%s:%d: not UTF-8 text (byte 0x%02X at byte offset %d); save the file as UTF-8",
                    shown, line, bytes[bad] & 0xFF, offsetOfFrom + (bad - from)));
        }
        out.flip();
        return out.toString();
    }

    /** Reads until end of stream or {@code limit} bytes, whichever comes first. */
    static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] buffer = new byte[Math.min(limit, 8192)];
        int size = 0;
        while (size < limit) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(limit, buffer.length * 2L));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                break;
            }
            size += n;
        }
        return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
    }
}
