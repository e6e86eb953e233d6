package io.openkws.decode;

import static io.openkws.UserInput.shown;

import io.openkws.yaml.ConfigException;
import io.openkws.yaml.TextLines;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The one reader of the text capture format that every byte-stream decoder (TuyaMCU, HT7017) accepts.
 *
 * <p>Exists so that sniffed traffic typed by hand, pasted from a forum or written by a serial sniffer is read by
 * the same rules everywhere. A line is {@code [timestamp] [direction] hex... [# comment]}:
 * <ul>
 *   <li>timestamp: seconds, recognised by a decimal point or a trailing {@code s} ({@code 12.5}, {@code 0.0042s},
 *       {@code 3s}; an optional trailing {@code :}); a bare integer is a hex byte, not a timestamp;</li>
 *   <li>direction: {@code MCU>}, {@code WIFI>} or {@code CHIP>} (any case); a line without one continues the
 *       direction of the last line that had one (so a frame split over lines needs it only once), and bytes
 *       before any direction have none;</li>
 *   <li>hex: bytes with or without spaces ({@code 55 AA 00}, {@code 55AA00}, {@code 0x55,0xAA}); a token must hold
 *       an even number of hex digits;</li>
 *   <li>{@code #} starts a comment; blank lines are skipped.</li>
 * </ul>
 * A frame may be split over several lines and several frames may share one line: the decoders see the bytes, not
 * the lines. Anything else on a line is a {@link CaptureException} naming the file, the line and the token.
 */
public final class CaptureText {

    private static final Pattern TIMESTAMP = Pattern.compile("(\\d+\\.\\d*|\\.\\d+|\\d+(?:\\.\\d*)?s)s?:?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEX = Pattern.compile("(?:0x)?((?:[0-9a-f]{2})+)", Pattern.CASE_INSENSITIVE);

    private CaptureText() {
    }

    /**
     * Reads and parses a whole capture file into memory; an unreadable file is a {@link CaptureException}. For files of
     * any size use {@link #forEach(Path, Consumer)}.
     */
    public static List<CaptureChunk> read(Path file) {
        List<CaptureChunk> chunks = new ArrayList<>();
        forEach(file, chunks::add);
        return chunks;
    }

    /**
     * Reads a capture file line by line and hands each chunk to {@code sink} as it is parsed, holding one line at a
     * time: memory does not grow with the file. An unreadable file, a line that is not capture text, a byte that
     * is not UTF-8 or a line over {@link TextLines#MAX_LINE_BYTES} bytes is a {@link CaptureException} naming the file
     * and the line.
     */
    public static void forEach(Path file, Consumer<CaptureChunk> sink) {
        try (TextLines lines = TextLines.open(file)) {
            forEach(lines, sink);
        } catch (ConfigException unreadable) {
            throw new CaptureException(unreadable.getMessage(), unreadable);
        }
    }

    /**
     * As {@link #forEach(Path, Consumer)} over lines already opened; a line the reader refuses (not UTF-8, too
     * long) is a {@link CaptureException} with the reader's message.
     */
    public static void forEach(TextLines lines, Consumer<CaptureChunk> sink) {
        try {
            forEachLine(lines, sink);
        } catch (ConfigException unreadable) {
            throw new CaptureException(unreadable.getMessage(), unreadable);
        }
    }

    private static void forEachLine(TextLines lines, Consumer<CaptureChunk> sink) {
        Direction current = null;
        for (String line = lines.next(); line != null; line = lines.next()) {
            CaptureChunk chunk = parseLine(lines.source(), (int) Math.min(Integer.MAX_VALUE, lines.lineNumber()), line);
            if (chunk == null) {
                continue;
            }
            if (chunk.direction() == null && current != null) {
                chunk = new CaptureChunk(chunk.line(), chunk.timeSeconds(), current, chunk.bytes());
            }
            current = chunk.direction();
            sink.accept(chunk);
        }
    }

    /** Parses capture text; {@code sourceName} prefixes error messages. Lines without bytes yield no chunk. */
    public static List<CaptureChunk> parse(String sourceName, String text) {
        List<CaptureChunk> chunks = new ArrayList<>();
        forEach(new TextLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sourceName),
                chunks::add);
        return chunks;
    }

    private static CaptureChunk parseLine(String sourceName, int lineNumber, String line) {
        int hash = line.indexOf('#');
        String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
        if (content.isEmpty()) {
            return null;
        }
        String[] tokens = content.split("[\\s,;]+");
        int index = tokens.length > 0 && tokens[0].isEmpty() ? 1 : 0;
        if (index >= tokens.length) {
            return null;
        }
        OptionalDouble time = OptionalDouble.empty();
        Direction direction = null;
        if (TIMESTAMP.matcher(tokens[index]).matches()) {
            time = OptionalDouble.of(parseSeconds(tokens[index]));
            index++;
        }
        if (index < tokens.length) {
            direction = Direction.ofToken(tokens[index]);
            if (direction != null) {
                index++;
            }
        }
        var bytes = new java.io.ByteArrayOutputStream();
        for (; index < tokens.length; index++) {
            String token = tokens[index];
            var m = HEX.matcher(token);
            if (!m.matches()) {
                String why = Direction.looksLikeDirection(token)
                        ? "unknown or misplaced direction '" + shown(token) + "' (use MCU>, WIFI> or CHIP> before the"
                                + " bytes)"
                        : "'" + shown(token) + "' is not hex bytes (two hex digits per byte)";
                throw new CaptureException(sourceName + ":" + lineNumber + ": " + why);
            }
            bytes.writeBytes(HexFormat.of().parseHex(m.group(1)));
        }
        if (bytes.size() == 0) {
            return null;
        }
        return new CaptureChunk(lineNumber, time, direction, bytes.toByteArray());
    }

    private static double parseSeconds(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        while (t.endsWith(":") || t.endsWith("s")) {
            t = t.substring(0, t.length() - 1);
        }
        return Double.parseDouble(t);
    }
}
