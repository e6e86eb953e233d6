package io.openkws.driver.tuyamcu;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds TuyaMCU frames in one sender's byte stream, fed in pieces of any size, and resynchronises after garbage,
 * corrupted or cut-short frames.
 *
 * <p>Exists so a capture decoder and a live link accept and reject the same frames by the same rules:
 * <ul>
 *   <li>a frame starts at {@code 55 AA}; bytes before it are reported as skipped and the search resumes at the next
 *       {@code 55 AA};</li>
 *   <li>a candidate whose checksum fails is re-examined: if a frame with a good checksum starts inside its span,
 *       the candidate was a false start (or a frame cut short) and its bytes are skipped; otherwise it is returned
 *       as a frame with a bad checksum and decoding goes on after it;</li>
 *   <li>a header announcing more than {@value TuyaMcuFrames#MAX_DATA_LENGTH} data bytes is not a frame.</li>
 * </ul>
 * A decision that needs bytes not yet fed waits for them; {@link #endOfInput()} (the end of a capture, or a pause on
 * a live line) decides with what there is, as if the stream ended there, and starts afresh. So feeding a stream in
 * any pieces and ending it once gives the same result as feeding it whole. Positions are counted from the first
 * byte ever fed. Between calls it keeps only the undecided bytes, at most about two maximal frames (a candidate and
 * a frame starting inside it). A reader that attributes bytes to their source (a capture decoder, to the lines of a
 * file) can ask for garbage runs to be split at given positions ({@link #splitGarbageAt}) and learn how far
 * everything has been reported ({@link #unreportedFrom()}), so it too keeps only what is still undecided. Not
 * thread-safe.
 */
public final class TuyaMcuFrameDecoder {

    /** What the decoder found. */
    public sealed interface Decoded {
        /** Stream position of the first byte. */
        long start();
    }

    /**
     * A frame: good when {@code checksum == expectedChecksum}, else its data is not to be trusted.
     *
     * @param start position of its {@code 55}
     */
    public record Frame(long start, int version, int command, byte[] data, int checksum, int expectedChecksum)
            implements Decoded {
        public Frame {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public boolean checksumOk() {
            return checksum == expectedChecksum;
        }

        /** Stream position just after the frame. */
        public long end() {
            return start + TuyaMcuFrames.HEADER_LENGTH + data.length + 1;
        }
    }

    /**
     * Bytes {@code [start, end)} that are not a frame; {@code reason} is null for plain garbage between frames, else
     * why a {@code 55 AA} there did not start one.
     */
    public record Skipped(long start, long end, String reason) implements Decoded {
    }

    /** How the end of input is worded in reasons. */
    public enum EndOfInput {
        /** A capture file's end. */
        CAPTURE("the capture ends inside a frame header", "cut off by the end of the capture"),
        /** A silence on a live line. */
        PAUSE("a pause on the line cut a frame header short", "cut off by a pause on the line");

        private final String headerCut;
        private final String frameCut;

        EndOfInput(String headerCut, String frameCut) {
            this.headerCut = headerCut;
            this.frameCut = frameCut;
        }
    }

    private static final int WAIT = -2;

    private final EndOfInput wording;
    private byte[] buf = new byte[512];
    private int size;
    /** Stream position of {@code buf[0]}. */
    private long base;
    /** Index of the oldest undecided byte. */
    private int i;
    /** Stream position where the current run of garbage started, or -1. */
    private long garbageStart = -1;
    /** Where a suspended search for a good frame inside the candidate at {@link #i} resumes, or -1. */
    private int scanResume = -1;
    /** Stream positions, ascending, that no run of garbage may span ({@link #splitGarbageAt}). */
    private final ArrayDeque<Long> garbageSplits = new ArrayDeque<>();

    public TuyaMcuFrameDecoder(EndOfInput wording) {
        this.wording = wording;
    }

    /** Adds bytes and returns what can be decided so far, in stream order. */
    public List<Decoded> feed(byte[] bytes, int offset, int length) {
        if (size + length > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + length));
        }
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        List<Decoded> out = new ArrayList<>();
        run(false, out);
        compact();
        return out;
    }

    /** Decides everything still pending as if the stream ended here; the next byte fed starts afresh. */
    public List<Decoded> endOfInput() {
        List<Decoded> out = new ArrayList<>();
        run(true, out);
        if (garbageStart >= 0) {
            out.add(new Skipped(garbageStart, base + size, null));
            garbageStart = -1;
        }
        base += size;
        size = 0;
        i = 0;
        scanResume = -1;
        dropSplitsUpTo(base);
        return out;
    }

    /** Bytes fed but not yet decided (waiting for the rest of a frame). */
    public int pending() {
        return size - i;
    }

    /**
     * Makes garbage before {@code position} and garbage from it on separate {@link Skipped} ranges (a capture decoder
     * reports garbage per line). Positions must come in increasing order and not before the end of the bytes fed so
     * far. Frames and rejected {@code 55 AA} candidates are not split.
     */
    public void splitGarbageAt(long position) {
        if (position < base + size) {
            throw new IllegalArgumentException("split at " + position + " is before the " + (base + size)
                    + " bytes already fed");
        }
        if (garbageSplits.isEmpty() || garbageSplits.peekLast() < position) {
            garbageSplits.addLast(position);
        }
    }

    /**
     * Stream position of the first byte not yet handed out in a {@link Decoded}: the start of a run of garbage that may
     * still grow, or of bytes waiting for the rest of a frame; the number of bytes fed when everything is out.
     */
    public long unreportedFrom() {
        return garbageStart >= 0 ? garbageStart : base + i;
    }

    private void run(boolean ended, List<Decoded> out) {
        while (i < size) {
            int head = head(i, ended);
            if (head == WAIT) {
                return;
            }
            if (head == 0) {
                long p = base + i;
                if (garbageStart >= 0 && splitWithin(garbageStart, p)) {
                    out.add(new Skipped(garbageStart, p, null));
                    garbageStart = -1;
                }
                if (garbageStart < 0) {
                    garbageStart = p;
                }
                i++;
                continue;
            }
            Candidate c = candidate(i, ended);
            if (c == null) {
                return;
            }
            if (c.good()) {
                flushGarbage(out);
                out.add(frame(i, c.end()));
                i = c.end();
                scanResume = -1;
                continue;
            }
            int inner = goodFrameWithin(scanResume >= 0 ? scanResume : i + 2, Math.min(c.end(), size), ended);
            if (inner == WAIT) {
                return;
            }
            scanResume = -1;
            flushGarbage(out);
            if (inner >= 0 || !c.plausible()) {
                int to = inner >= 0 ? inner : c.end();
                String why = inner >= 0 ? "a frame cut short or a false 55 AA (a good frame starts inside it)"
                        : c.reason();
                out.add(new Skipped(base + i, base + to, why));
                i = to;
                continue;
            }
            out.add(frame(i, c.end()));
            i = c.end();
        }
    }

    private void flushGarbage(List<Decoded> out) {
        if (garbageStart >= 0) {
            out.add(new Skipped(garbageStart, base + i, null));
            garbageStart = -1;
        }
    }

    /** Whether a split position lies in {@code (after, upTo]}; forgets those at or before {@code after}. */
    private boolean splitWithin(long after, long upTo) {
        dropSplitsUpTo(after);
        return !garbageSplits.isEmpty() && garbageSplits.peekFirst() <= upTo;
    }

    private void dropSplitsUpTo(long position) {
        while (!garbageSplits.isEmpty() && garbageSplits.peekFirst() <= position) {
            garbageSplits.pollFirst();
        }
    }

    /** 1 when 55 AA starts at {@code k}, 0 when not, {@link #WAIT} when the next byte has not arrived. */
    private int head(int k, boolean ended) {
        if (k + 1 >= size) {
            return ended || at(k) != 0x55 ? 0 : WAIT;
        }
        return at(k) == 0x55 && at(k + 1) == 0xAA ? 1 : 0;
    }

    /** What a 55 AA at {@code k} announces, or null when that needs bytes not yet fed. */
    private Candidate candidate(int k, boolean ended) {
        if (k + TuyaMcuFrames.HEADER_LENGTH > size) {
            return ended ? new Candidate(size, false, false, wording.headerCut) : null;
        }
        int len = (at(k + 4) << 8) | at(k + 5);
        if (len > TuyaMcuFrames.MAX_DATA_LENGTH) {
            return new Candidate(k + 2, false, false, "a header announcing " + len
                    + " data bytes (impossible, more than " + TuyaMcuFrames.MAX_DATA_LENGTH + ")");
        }
        int end = k + TuyaMcuFrames.HEADER_LENGTH + len + 1;
        if (end > size) {
            return ended ? new Candidate(size, false, false, "a frame announcing " + len + " data bytes, "
                    + wording.frameCut + " after " + (size - k - TuyaMcuFrames.HEADER_LENGTH)) : null;
        }
        return new Candidate(end, true, TuyaMcuFrames.checksum(buf, k, end - 1) == at(end - 1), "");
    }

    /** The first index in [from, to) where a good frame starts, -1 if none, {@link #WAIT} if undecidable yet. */
    private int goodFrameWithin(int from, int to, boolean ended) {
        for (int j = from; j < to; j++) {
            int head = head(j, ended);
            if (head == WAIT) {
                scanResume = j;
                return WAIT;
            }
            if (head == 1) {
                Candidate c = candidate(j, ended);
                if (c == null) {
                    scanResume = j;
                    return WAIT;
                }
                if (c.good()) {
                    return j;
                }
            }
        }
        return -1;
    }

    private Frame frame(int k, int end) {
        byte[] data = Arrays.copyOfRange(buf, k + TuyaMcuFrames.HEADER_LENGTH, end - 1);
        return new Frame(base + k, at(k + 2), at(k + 3), data, at(end - 1), TuyaMcuFrames.checksum(buf, k, end - 1));
    }

    private int at(int k) {
        return buf[k] & 0xFF;
    }

    private void compact() {
        dropSplitsUpTo(unreportedFrom());
        if (i == 0) {
            return;
        }
        System.arraycopy(buf, i, buf, 0, size - i);
        if (scanResume >= 0) {
            scanResume -= i;
        }
        base += i;
        size -= i;
        i = 0;
        if (buf.length > 4 * 4096 && size < 1024) {
            buf = Arrays.copyOf(buf, 1024);
        }
    }

    private record Candidate(int end, boolean plausible, boolean good, String reason) {
    }
}
