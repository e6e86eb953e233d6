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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

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
 * The rules live in the shared {@link TuyaMcuFrameDecoder}, which the TuyaMCU bridge uses on its live link too.
 * Interleaved traffic is split by direction, so a frame may continue on a later line of the same sender. Events
 * come back in the order of their first byte in the capture.
 */
public final class TuyaMcuDecoder {

    /** Tuya OTA packets, the longest frames the protocol uses, carry 4 + 1024 bytes; 4096 leaves a margin. */
    public static final int MAX_DATA_LENGTH = TuyaMcuFrames.MAX_DATA_LENGTH;

    private TuyaMcuDecoder() {
    }

    /** Decodes the frames of a capture and the problems between them, in capture order. */
    public static List<DecodeEvent> decode(List<CaptureChunk> chunks) {
        Map<Direction, Stream> streams = new LinkedHashMap<>();
        Stream undirected = new Stream(null);
        long seq = 0;
        for (CaptureChunk chunk : chunks) {
            Stream s = chunk.direction() == null ? undirected
                    : streams.computeIfAbsent(chunk.direction(), Stream::new);
            for (int i = 0; i < chunk.length(); i++) {
                s.add(chunk.at(i), chunk, seq++);
            }
        }
        List<Positioned> found = new ArrayList<>();
        undirected.decodeInto(found);
        for (Stream s : streams.values()) {
            s.decodeInto(found);
        }
        found.sort(Comparator.comparingLong(Positioned::seq));
        return found.stream().map(Positioned::event).toList();
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

    /** The bytes one sender sent, with where each came from. */
    private static final class Stream {
        private final Direction direction;
        private byte[] bytes = new byte[256];
        private CaptureChunk[] chunkOf = new CaptureChunk[256];
        private long[] seqOf = new long[256];
        private int size;

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

        /** Runs the shared frame decoder over the whole stream; garbage is reported per capture line. */
        void decodeInto(List<Positioned> out) {
            TuyaMcuFrameDecoder decoder = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.CAPTURE);
            List<TuyaMcuFrameDecoder.Decoded> found = new ArrayList<>(decoder.feed(bytes, 0, size));
            found.addAll(decoder.endOfInput());
            for (TuyaMcuFrameDecoder.Decoded d : found) {
                switch (d) {
                    case TuyaMcuFrameDecoder.Frame f -> out.add(new Positioned(seqOf[(int) f.start()], frame(f)));
                    case TuyaMcuFrameDecoder.Skipped s when s.reason() == null -> {
                        int from = (int) s.start();
                        for (int k = from + 1; k < s.end(); k++) {
                            if (chunkOf[k] != chunkOf[from]) {
                                skipped(out, from, k, null);
                                from = k;
                            }
                        }
                        skipped(out, from, (int) s.end(), null);
                    }
                    case TuyaMcuFrameDecoder.Skipped s -> skipped(out, (int) s.start(), (int) s.end(), s.reason());
                }
            }
        }

        private TuyaFrame frame(TuyaMcuFrameDecoder.Frame f) {
            CaptureChunk chunk = chunkOf[(int) f.start()];
            List<TuyaDp> dps = List.of();
            Optional<String> dpError = Optional.empty();
            if (f.checksumOk() && TuyaCommand.carriesDataPoints(f.command())) {
                DataPoints parsed = parseDataPoints(f.data());
                dps = parsed.dps();
                dpError = parsed.error();
            }
            OptionalDouble time = chunk.timeSeconds();
            return new TuyaFrame(chunk.line(), time, direction, f.version(), f.command(), f.data(), f.checksum(),
                    f.expectedChecksum(), dps, dpError);
        }

        private void skipped(List<Positioned> out, int from, int to, String why) {
            String who = direction == null ? "" : " from " + direction;
            String message = "skipped " + (to - from) + " byte(s)" + who + " that are not a TuyaMCU frame"
                    + (why == null ? "" : ", " + why) + ": " + HexText.preview(bytes, from, to);
            out.add(new Positioned(seqOf[from], new DecodeProblem(chunkOf[from].line(), message)));
        }
    }
}
