package io.openkws.decode.tuyamcu;

import io.openkws.decode.CaptureChunk;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import io.openkws.decode.HexText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Finds and decodes TuyaMCU frames in a capture, one byte stream per sender.
 *
 * <p>Exists to read what the KWS-302WF's MCU tells its Wi-Fi module (and other TuyaMCU devices' traffic), and to
 * survive what real sniffing produces: garbage, dropped bytes, corrupted bytes. Rules:
 * <ul>
 *   <li>a frame starts at {@code 55 AA}; bytes before it are reported as skipped and the search resumes at the
 *       next {@code 55 AA};</li>
 *   <li>a candidate whose checksum fails is re-examined: if a frame with a good checksum starts inside its span,
 *       the candidate was a false start (or a frame cut short) and its bytes are reported as skipped; otherwise it
 *       is returned as a frame with a bad checksum (and no data points, its data is not trusted) and decoding goes
 *       on after it;</li>
 *   <li>a header announcing more than {@value #MAX_DATA_LENGTH} data bytes, or more than the capture holds, is not
 *       a frame.</li>
 * </ul>
 * Interleaved traffic is split by direction, so a frame may continue on a later line of the same sender. Events
 * come back in the order of their first byte in the capture. Fed line by line, the decoder decides a frame as soon
 * as the bytes it depends on are in, so a capture of any length decodes in constant memory (see
 * {@link #TuyaMcuDecoder(Consumer)}).
 */
public final class TuyaMcuDecoder {

    /** Tuya OTA packets, the longest frames the protocol uses, carry 4 + 1024 bytes; 4096 leaves a margin. */
    public static final int MAX_DATA_LENGTH = 4096;
    private static final int HEADER_LENGTH = 6;

    /**
     * Events decided but not yet handed on (they wait for an unfinished frame of another sender that began
     * before them) beyond which they are handed on anyway, slightly out of capture order, to bound memory.
     */
    static final int MAX_HELD_EVENTS = 10_000;

    private final Consumer<DecodeEvent> sink;
    private final Stream undirected = new Stream(null);
    private final Map<Direction, Stream> streams = new EnumMap<>(Direction.class);
    private final PriorityQueue<Positioned> held = new PriorityQueue<>(Comparator.comparingLong(Positioned::seq));
    private final boolean decideEarly;
    private long seq;
    private boolean finished;

    /**
     * A decoder fed chunk by chunk ({@link #accept(CaptureChunk)}, then {@link #finish()}) that hands each frame
     * and problem to {@code sink} as soon as it and everything before it in the capture is decided. Each sender's
     * stream keeps only the bytes not yet decided (at most two maximal frames of look-ahead), so a capture of any
     * length decodes in constant memory.
     */
    public TuyaMcuDecoder(Consumer<DecodeEvent> sink) {
        this(sink, true);
    }

    /** With {@code decideEarly} false, nothing is decided before {@link #finish()} (the reference for tests). */
    TuyaMcuDecoder(Consumer<DecodeEvent> sink, boolean decideEarly) {
        this.sink = sink;
        this.decideEarly = decideEarly;
    }

    /** Decodes the frames of a capture and the problems between them, in capture order. */
    public static List<DecodeEvent> decode(List<CaptureChunk> chunks) {
        List<DecodeEvent> events = new ArrayList<>();
        TuyaMcuDecoder decoder = new TuyaMcuDecoder(events::add);
        chunks.forEach(decoder::accept);
        decoder.finish();
        return events;
    }

    /** Adds the bytes of one more capture line and hands on whatever they allow to decide. */
    public void accept(CaptureChunk chunk) {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        Stream s = chunk.direction() == null ? undirected : streams.computeIfAbsent(chunk.direction(), Stream::new);
        for (int i = 0; i < chunk.length(); i++) {
            s.add(chunk.at(i), chunk, seq++);
        }
        if (decideEarly) {
            s.decodeInto(held, false);
            release();
        }
    }

    /** Ends the capture: decides the bytes left (frames cut off by the end) and hands everything on. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        undirected.decodeInto(held, true);
        for (Stream s : streams.values()) {
            s.decodeInto(held, true);
        }
        release();
    }

    private void release() {
        long watermark = undirected.undecidedSeq();
        for (Stream s : streams.values()) {
            watermark = Math.min(watermark, s.undecidedSeq());
        }
        while (!held.isEmpty() && (held.peek().seq() < watermark || held.size() > MAX_HELD_EVENTS)) {
            sink.accept(held.poll().event());
        }
    }

    /** Decodes the data points of a state frame's data; stops at the first malformed one. */
    public static DataPoints parseDataPoints(byte[] data) {
        List<TuyaDp> dps = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            if (data.length - i < 4) {
                return new DataPoints(dps, Optional.of(String.format(
                        "%d trailing byte(s) too short for a data point header", data.length - i)));
            }
            int id = data[i] & 0xFF;
            int typeCode = data[i + 1] & 0xFF;
            int len = ((data[i + 2] & 0xFF) << 8) | (data[i + 3] & 0xFF);
            int start = i + 4;
            if (start + len > data.length) {
                return new DataPoints(dps, Optional.of(String.format(
                        "dp %d announces %d value bytes but only %d remain", id, len, data.length - start)));
            }
            Optional<TuyaDpType> type = TuyaDpType.ofCode(typeCode);
            if (type.isEmpty()) {
                return new DataPoints(dps, Optional.of(String.format("dp %d has unknown type 0x%02X", id, typeCode)));
            }
            Object value = value(type.get(), data, start, len);
            if (value == null) {
                return new DataPoints(dps, Optional.of(String.format("dp %d: a %s cannot be %d byte(s) long",
                        id, type.get().jsonName(), len)));
            }
            dps.add(new TuyaDp(id, type.get(), value));
            i = start + len;
        }
        return new DataPoints(dps, Optional.empty());
    }

    /** The data points of a state frame and, when decoding stopped early, why. */
    public record DataPoints(List<TuyaDp> dps, Optional<String> error) {
    }

    private static Object value(TuyaDpType type, byte[] data, int start, int len) {
        return switch (type) {
            case RAW -> HexFormat.of().formatHex(data, start, start + len);
            case STRING -> new String(data, start, len, StandardCharsets.UTF_8);
            case BOOL -> len == 1 ? (Boolean) (data[start] != 0) : null;
            case ENUM -> len == 1 ? (Object) (long) (data[start] & 0xFF) : null;
            case VALUE -> len == 4 ? (Object) (long) (int) bigEndian(data, start, 4) : null;
            case BITMAP -> len == 1 || len == 2 || len == 4 ? (Object) bigEndian(data, start, len) : null;
        };
    }

    private static long bigEndian(byte[] data, int start, int len) {
        long v = 0;
        for (int k = 0; k < len; k++) {
            v = (v << 8) | (data[start + k] & 0xFF);
        }
        return v;
    }

    private record Positioned(long seq, DecodeEvent event) {
    }

    /** The bytes one sender sent and not yet decided, with where each came from. */
    private static final class Stream {
        private final Direction direction;
        private byte[] bytes = new byte[256];
        private CaptureChunk[] chunkOf = new CaptureChunk[256];
        private long[] seqOf = new long[256];
        private int size;
        private int next;
        private int garbageStart = -1;

        Stream(Direction direction) {
            this.direction = direction;
        }

        void add(int b, CaptureChunk chunk, long seq) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
                chunkOf = Arrays.copyOf(chunkOf, size * 2);
                seqOf = Arrays.copyOf(seqOf, size * 2);
            }
            bytes[size] = (byte) b;
            chunkOf[size] = chunk;
            seqOf[size] = seq;
            size++;
        }

        private int at(int i) {
            return bytes[i] & 0xFF;
        }

        /** Sequence number of the first byte not yet reported, {@link Long#MAX_VALUE} when there is none. */
        long undecidedSeq() {
            if (garbageStart >= 0) {
                return seqOf[garbageStart];
            }
            return next < size ? seqOf[next] : Long.MAX_VALUE;
        }

        /**
         * Decides as many bytes as the bytes so far allow ({@code atEnd}: all of them, the capture is over), then
         * forgets the decided ones. A decision taken early is the one the whole capture would give: it waits
         * until every 55 AA it depends on has its header and announced length in hand.
         */
        void decodeInto(Collection<Positioned> out, boolean atEnd) {
            int i = next;
            while (i < size && (atEnd || decidable(i))) {
                if (!headAt(i)) {
                    if (garbageStart >= 0 && chunkOf[garbageStart] != chunkOf[i]) {
                        skipped(out, garbageStart, i, null);
                        garbageStart = -1;
                    }
                    if (garbageStart < 0) {
                        garbageStart = i;
                    }
                    i++;
                    continue;
                }
                Candidate c = candidate(i);
                if (c.good()) {
                    if (garbageStart >= 0) {
                        skipped(out, garbageStart, i, null);
                        garbageStart = -1;
                    }
                    out.add(new Positioned(seqOf[i], frame(i, c.end())));
                    i = c.end();
                    continue;
                }
                int inner = goodFrameWithin(i + 2, Math.min(c.end(), size));
                if (inner >= 0 || !c.plausible()) {
                    if (garbageStart >= 0) {
                        skipped(out, garbageStart, i, null);
                        garbageStart = -1;
                    }
                    int to = inner >= 0 ? inner : c.end();
                    String why = inner >= 0 ? "a frame cut short or a false 55 AA (a good frame starts inside it)"
                            : c.reason();
                    skipped(out, i, to, why);
                    i = to;
                    continue;
                }
                if (garbageStart >= 0) {
                    skipped(out, garbageStart, i, null);
                    garbageStart = -1;
                }
                out.add(new Positioned(seqOf[i], frame(i, c.end())));
                i = c.end();
            }
            if (atEnd && garbageStart >= 0) {
                skipped(out, garbageStart, size, null);
                garbageStart = -1;
            }
            next = i;
            compact();
        }

        /** Whether the decision at {@code i} can be taken without bytes still to come. */
        private boolean decidable(int i) {
            if (at(i) != 0x55) {
                return true;
            }
            if (i + 1 >= size) {
                return false;
            }
            if (at(i + 1) != 0xAA) {
                return true;
            }
            int end = announcedEnd(i);
            if (end < 0) {
                return end == TOO_LONG;
            }
            if (sum(i, end - 1) == at(end - 1)) {
                return true;
            }
            for (int j = i + 2; j < end; j++) {
                if (at(j) != 0x55) {
                    continue;
                }
                if (j + 1 >= size) {
                    return false;
                }
                if (at(j + 1) == 0xAA && announcedEnd(j) == NEED_MORE) {
                    return false;
                }
            }
            return true;
        }

        private static final int NEED_MORE = -1;
        private static final int TOO_LONG = -2;

        /** End of the frame a 55 AA at {@code i} announces, {@link #NEED_MORE} bytes, or {@link #TOO_LONG}. */
        private int announcedEnd(int i) {
            if (i + HEADER_LENGTH > size) {
                return NEED_MORE;
            }
            int len = (at(i + 4) << 8) | at(i + 5);
            if (len > MAX_DATA_LENGTH) {
                return TOO_LONG;
            }
            int end = i + HEADER_LENGTH + len + 1;
            return end > size ? NEED_MORE : end;
        }

        private void compact() {
            int keep = garbageStart >= 0 ? garbageStart : next;
            if (keep == 0) {
                return;
            }
            int left = size - keep;
            System.arraycopy(bytes, keep, bytes, 0, left);
            System.arraycopy(chunkOf, keep, chunkOf, 0, left);
            System.arraycopy(seqOf, keep, seqOf, 0, left);
            Arrays.fill(chunkOf, left, size, null);
            size = left;
            next -= keep;
            if (garbageStart >= 0) {
                garbageStart -= keep;
            }
            if (bytes.length > 64 * 1024 && size < bytes.length / 4) {
                int capacity = Math.max(256, size * 2);
                bytes = Arrays.copyOf(bytes, capacity);
                chunkOf = Arrays.copyOf(chunkOf, capacity);
                seqOf = Arrays.copyOf(seqOf, capacity);
            }
        }

        private boolean headAt(int i) {
            return i + 1 < size && at(i) == 0x55 && at(i + 1) == 0xAA;
        }

        /** What a 55 AA at {@code i} announces: its end, whether it fits, whether its checksum is good. */
        private Candidate candidate(int i) {
            if (i + HEADER_LENGTH > size) {
                return new Candidate(size, false, false, "the capture ends inside a frame header");
            }
            int len = (at(i + 4) << 8) | at(i + 5);
            if (len > MAX_DATA_LENGTH) {
                return new Candidate(i + 2, false, false,
                        "a header announcing " + len + " data bytes (impossible, more than " + MAX_DATA_LENGTH + ")");
            }
            int end = i + HEADER_LENGTH + len + 1;
            if (end > size) {
                return new Candidate(size, false, false, "a frame announcing " + len
                        + " data bytes, cut off by the end of the capture after " + (size - i - HEADER_LENGTH));
            }
            return new Candidate(end, true, sum(i, end - 1) == at(end - 1), "");
        }

        private int goodFrameWithin(int from, int to) {
            for (int j = from; j < to; j++) {
                if (headAt(j) && candidate(j).good()) {
                    return j;
                }
            }
            return -1;
        }

        private int sum(int from, int to) {
            int s = 0;
            for (int k = from; k < to; k++) {
                s += at(k);
            }
            return s & 0xFF;
        }

        private TuyaFrame frame(int i, int end) {
            CaptureChunk chunk = chunkOf[i];
            int command = at(i + 3);
            byte[] data = Arrays.copyOfRange(bytes, i + HEADER_LENGTH, end - 1);
            int checksum = at(end - 1);
            int expected = sum(i, end - 1);
            List<TuyaDp> dps = List.of();
            Optional<String> dpError = Optional.empty();
            if (checksum == expected && TuyaCommand.carriesDataPoints(command)) {
                DataPoints parsed = parseDataPoints(data);
                dps = parsed.dps();
                dpError = parsed.error();
            }
            OptionalDouble time = chunk.timeSeconds();
            return new TuyaFrame(chunk.line(), time, direction, at(i + 2), command, data, checksum, expected, dps,
                    dpError);
        }

        private void skipped(Collection<Positioned> out, int from, int to, String why) {
            String who = direction == null ? "" : " from " + direction;
            String message = "skipped " + (to - from) + " byte(s)" + who + " that are not a TuyaMCU frame"
                    + (why == null ? "" : ", " + why) + ": " + HexText.preview(bytes, from, to);
            out.add(new Positioned(seqOf[from], new DecodeProblem(chunkOf[from].line(), message)));
        }
    }

    private record Candidate(int end, boolean plausible, boolean good, String reason) {
    }
}
