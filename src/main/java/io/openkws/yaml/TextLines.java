package io.openkws.yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a text file of any size one line at a time, in constant memory, with strict UTF-8.
 *
 * <p>Exists for the inputs that are legitimately large (sniffed captures, logic-analyser exports: an hour of
 * traffic is megabytes, a day hundreds): they are decoded as they are read instead of being loaded whole. A line
 * ends at LF, CR LF or CR. A line longer than {@link #MAX_LINE_BYTES} (no real capture line comes near it), or a
 * byte that is not UTF-8, is a {@link ConfigException} naming the file, the line and the byte offset. Not
 * thread-safe.
 */
public final class TextLines implements AutoCloseable {

    /** Longest line accepted, in bytes. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private final InputStream in;
    private final String shown;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private long lineNumber;
    private long offset;
    private boolean skipLineFeed;
    private boolean ended;

    /** Lines of {@code in}; {@code shown} names the source in messages. Closing this closes {@code in}. */
    public TextLines(InputStream in, String shown) {
        this.in = in;
        this.shown = shown;
    }

    /** Opens {@code file}; an absent or unreadable file is a {@link ConfigException}. */
    public static TextLines open(Path file) {
        String shown = file.toString();
        try {
            return new TextLines(Files.newInputStream(file), shown);
        } catch (NoSuchFileException e) {
            throw new ConfigException(shown + ": file not found");
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage());
        }
    }

    /** The source name given at construction. */
    public String source() {
        return shown;
    }

    /** 1-based number of the line last returned by {@link #next()} (0 before the first). */
    public long lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public String next() {
        if (ended) {
            return null;
        }
        long lineStart = offset;
        int size = 0;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (size == 0 && lineStart == offset) {
                    return null;
                }
                break;
            }
            byte b = buffer[position++];
            offset++;
            if (skipLineFeed) {
                skipLineFeed = false;
                if (b == '\n') {
                    lineStart++;
                    continue;
                }
            }
            if (b == '\n') {
                break;
            }
            if (b == '\r') {
                skipLineFeed = true;
                break;
            }
            if (size == MAX_LINE_BYTES) {
                throw new ConfigException(shown + ":" + (lineNumber + 1) + ": line longer than " + MAX_LINE_BYTES
                        + " bytes (not a text file of lines?)");
            }
            if (size == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, size * 2));
            }
            line[size++] = b;
        }
        lineNumber++;
        String text = TextFiles.decodeUtf8(shown, line, 0, size, lineNumber, lineStart);
        if (line.length > 4096 && size < 1024) {
            line = new byte[256];
        }
        return text;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new ConfigException(shown + ": cannot read: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // closing a file that was only read loses nothing
        }
    }
}
