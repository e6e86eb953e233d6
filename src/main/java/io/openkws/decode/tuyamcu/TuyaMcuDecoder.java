package io.openkws.decode.tuyamcu;

import io.openkws.decode.CaptureChunk;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import io.openkws.decode.HexText;
import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.TuyaMcuFrameDecoder;
import io.openkws.driver.tuyamcu.TuyaMcuFrames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Finds and decodes TuyaMCU frames in a capture, one byte stream per sender.
 *
 * <p>Exists to read what the KWS-302WF's MCU tells its Wi-Fi module (and other TuyaMCU devices' traffic), and to
 * survive what real sniffing produces: garbage, dropped bytes, corrupted bytes. Rules:
 * <ul>
 *   <li>a frame starts at {@code 55 AA}; bytes before it are reported as skipped (one problem per capture line) and
 *       the search resumes at the next {@code 55 AA};</li>
 *   <li>a candidate whose checksum fails is re-examined: if a frame with a good checksum starts inside its span,
 *       the candidate was a false start (or a frame cut short) and its bytes are reported as skipped; otherwise it
 *       is returned as a frame with a bad checksum (and no data points, its data is not trusted) and decoding goes
 *       on after it;</li>
 *   <li>a header announcing more than {@value #MAX_DATA_LENGTH} data bytes, or more than the capture holds, is not
 *       a frame.</li>
 * </ul>
 * The rules live in the shared {@link TuyaMcuFrameDecoder}, which the TuyaMCU bridge uses on its live link too; this
 * class feeds it each sender's bytes and ties what it finds back to capture lines. Interleaved traffic is split by
 * direction, so a frame may continue on a later line of the same sender. Events come back in the order of their
 * first byte in the capture. Fed line by line, a frame is decided as soon as the bytes it depends on are in, so a
 * capture of any length decodes in constant memory (see {@link #TuyaMcuDecoder(Consumer)}).
 */
public final class TuyaMcuDecoder {

    /** Tuya OTA packets, the longest frames the protocol uses, carry 4 + 1024 bytes; 4096 leaves a margin. */
    public static final int MAX_DATA_LENGTH = TuyaMcuFrames.MAX_DATA_LENGTH;

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
     * stream keeps only the bytes not yet reported (at most two maximal frames of look-ahead, or the garbage of one
     * line), so a capture of any length decodes in constant memory.
     */
    public TuyaMcuDecoder(Consumer<DecodeEvent> sink) {
        this(sink, true);
    }

    /**
     * With {@code decideEarly} false, nothing is decided before {@link #finish()}, which feeds each sender's bytes to
     * the frame decoder in one piece (the reference for tests).
     */
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
        s.add(chunk, seq);
        seq += chunk.length();
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
        DataPoint.Parsed parsed = DataPoint.parse(data);
        List<TuyaDp> dps = new ArrayList<>(parsed.dps().size());
        for (DataPoint dp : parsed.dps()) {
            TuyaDpType type = TuyaDpType.ofCode(dp.type().code()).orElseThrow();
            dps.add(new TuyaDp(dp.id(), type, value(dp)));
        }
        return new DataPoints(dps, parsed.error());
    }

    /** The data points of a state frame and, when decoding stopped early, why. */
    public record DataPoints(List<TuyaDp> dps, Optional<String> error) {
    }

    private static Object value(DataPoint dp) {
        return switch (dp.type()) {
            case RAW -> HexFormat.of().formatHex(dp.value());
            case STRING -> new String(dp.value(), StandardCharsets.UTF_8);
            case BOOL -> dp.number().orElseThrow() != 0;
            case ENUM, VALUE, BITMAP -> dp.number().orElseThrow();
        };
    }

    private record Positioned(long seq, DecodeEvent event) {
    }

    /** Where a capture line's bytes begin in its sender's stream, and its first byte's place in the capture. */
    private record Segment(long start, long seq, CaptureChunk chunk) {
    }

    /**
     * One sender's bytes: the shared frame decoder that judges them, plus what it needs to report its findings
     * against capture lines (the lines and bytes not yet reported).
     */
    private static final class Stream {
        private final Direction direction;
        private final TuyaMcuFrameDecoder frames = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
        /** The line holding the oldest byte not yet reported, then the lines after it. */
        private Segment current;
        private final ArrayDeque<Segment> later = new ArrayDeque<>();
        /** Bytes from stream position {@link #bytesFrom} on, {@link #size} of them; the first {@link #fed} fed. */
        private byte[] bytes = new byte[256];
        private long bytesFrom;
        private int size;
        private int fed;

        Stream(Direction direction) {
            this.direction = direction;
        }

        void add(CaptureChunk chunk, long seq) {
            if (chunk.length() == 0) {
                return;
            }
            long start = bytesFrom + size;
            Segment segment = new Segment(start, seq, chunk);
            if (current == null) {
                current = segment;
            } else {
                later.addLast(segment);
            }
            frames.splitGarbageAt(start);
            if (size + chunk.length() > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + chunk.length()));
            }
            System.arraycopy(chunk.bytes(), 0, bytes, size, chunk.length());
            size += chunk.length();
        }

        /** Sequence number of the first byte not yet reported, {@link Long#MAX_VALUE} when there is none. */
        long undecidedSeq() {
            long p = frames.unreportedFrom();
            if (p >= bytesFrom + size) {
                return Long.MAX_VALUE;
            }
            Segment s = segmentAt(p);
            return s.seq() + (p - s.start());
        }

        /**
         * Feeds the frame decoder what it has not seen yet ({@code atEnd}: and ends the stream, the capture is over),
         * reports what it decides, then forgets the lines and bytes reported.
         */
        void decodeInto(Collection<Positioned> out, boolean atEnd) {
            List<TuyaMcuFrameDecoder.Decoded> found = new ArrayList<>(frames.feed(bytes, fed, size - fed));
            fed = size;
            if (atEnd) {
                found.addAll(frames.endOfInput());
            }
            for (TuyaMcuFrameDecoder.Decoded d : found) {
                Segment s = segmentAt(d.start());
                long seq = s.seq() + (d.start() - s.start());
                out.add(new Positioned(seq, switch (d) {
                    case TuyaMcuFrameDecoder.Frame f -> frame(f, s.chunk());
                    case TuyaMcuFrameDecoder.Skipped k -> skipped(k, s.chunk());
                }));
            }
            forgetBefore(frames.unreportedFrom());
        }

        private Segment segmentAt(long position) {
            while (!later.isEmpty() && later.peekFirst().start() <= position) {
                current = later.pollFirst();
            }
            return current;
        }

        private void forgetBefore(long position) {
            segmentAt(position);
            int drop = (int) (position - bytesFrom);
            if (drop == 0) {
                return;
            }
            System.arraycopy(bytes, drop, bytes, 0, size - drop);
            size -= drop;
            fed -= drop;
            bytesFrom = position;
            if (bytes.length > 64 * 1024 && size < bytes.length / 4) {
                bytes = Arrays.copyOf(bytes, Math.max(256, size * 2));
            }
        }

        private TuyaFrame frame(TuyaMcuFrameDecoder.Frame f, CaptureChunk chunk) {
            List<TuyaDp> dps = List.of();
            Optional<String> dpError = Optional.empty();
            if (f.checksumOk() && TuyaCommand.carriesDataPoints(f.command())) {
                DataPoints parsed = parseDataPoints(f.data());
                dps = parsed.dps();
                dpError = parsed.error();
            }
            return new TuyaFrame(chunk.line(), chunk.timeSeconds(), direction, f.version(), f.command(), f.data(),
                    f.checksum(), f.expectedChecksum(), dps, dpError);
        }

        private DecodeProblem skipped(TuyaMcuFrameDecoder.Skipped k, CaptureChunk chunk) {
            String who = direction == null ? "" : " from " + direction;
            int from = (int) (k.start() - bytesFrom);
            int to = (int) (k.end() - bytesFrom);
            String message = "skipped " + (to - from) + " byte(s)" + who + " that are not a TuyaMCU frame"
                    + (k.reason() == null ? "" : ", " + k.reason()) + ": " + HexText.preview(bytes, from, to);
            return new DecodeProblem(chunk.line(), message);
        }
    }
}
