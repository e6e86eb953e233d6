package io.openkws.decode.ht7017;

import io.openkws.decode.CaptureException;
import io.openkws.decode.CaptureChunk;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.Direction;
import io.openkws.decode.HexText;
import io.openkws.decode.ht7017.Ht7017Transaction.Ack;
import io.openkws.decode.ht7017.Ht7017Transaction.Op;
import io.openkws.driver.ht7017.Ht7017Frames;
import io.openkws.driver.ht7017.Ht7017Register;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Pairs the MCU's HT7017 commands with the chip's replies in a sniffed capture ({@code MCU>} and {@code CHIP>}
 * lines, 4800 baud 8E1) and decodes each transaction.
 *
 * <p>Exists to learn, from the stock KWS-302WF firmware's traffic, which registers it reads and which calibration
 * it writes at boot. It frames the host side the way the chip does: a frame starts with {@code 6A}; bit 7 of the
 * next byte makes it a 5-byte write, otherwise a 2-byte read; {@code 6A C6} is a block read (reported, not
 * decoded). When the capture has timestamps, a gap over 20 ms between two MCU bytes abandons a partial frame, as
 * the chip's receiver does. Each line's timestamp is taken as the start of its first byte; the following bytes of
 * the line are assumed back to back (2.29 ms each). MCU bytes arriving before a reply is complete end the pending
 * transaction without a reply. Bytes that fit nowhere are reported as problems and skipped.
 */
public final class Ht7017TrafficDecoder {

    private static final int BLOCK_READ = 0xC6;

    private final String sourceName;
    private final Consumer<DecodeEvent> sink;
    private final ByteArrayOutputStream host = new ByteArrayOutputStream();
    private Located hostStart;
    private Located lastMcuByte;
    private Pending pending;
    private final ByteArrayOutputStream stray = new ByteArrayOutputStream();
    private Located strayStart;
    private boolean finished;

    /**
     * A decoder fed chunk by chunk ({@link #accept(CaptureChunk)}, then {@link #finish()}) that hands each
     * transaction and problem to {@code sink} as soon as it is complete, in capture order. It holds at most one
     * pending command, its reply and one line's stray bytes, so a capture of any length decodes in constant memory.
     * {@code sourceName} (the file) prefixes the error of a line without direction.
     */
    public Ht7017TrafficDecoder(String sourceName, Consumer<DecodeEvent> sink) {
        this.sourceName = sourceName;
        this.sink = sink;
    }

    /** Decodes a capture into transactions and problems, in capture order. Every line must carry a direction. */
    public static List<DecodeEvent> decode(List<CaptureChunk> chunks) {
        return decode("capture", chunks);
    }

    /** As {@link #decode(List)}; {@code sourceName} (the file) prefixes the error of a line without direction. */
    public static List<DecodeEvent> decode(String sourceName, List<CaptureChunk> chunks) {
        List<DecodeEvent> events = new ArrayList<>();
        Ht7017TrafficDecoder d = new Ht7017TrafficDecoder(sourceName, events::add);
        chunks.forEach(d::accept);
        d.finish();
        return List.copyOf(events);
    }

    /** Decodes the bytes of one more capture line; a line without MCU> or CHIP> is a {@link CaptureException}. */
    public void accept(CaptureChunk chunk) {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        if (chunk.direction() != Direction.MCU && chunk.direction() != Direction.CHIP) {
            throw new CaptureException(sourceName + ":" + chunk.line() + ": HT7017 traffic needs a direction on"
                    + " every line with bytes (MCU> or CHIP>), found " + (chunk.direction() == null ? "none"
                    : chunk.direction() + ">"));
        }
        for (int i = 0; i < chunk.length(); i++) {
            OptionalDouble t = chunk.timeSeconds();
            long nanos = t.isPresent() ? Math.round(t.getAsDouble() * 1e9) + i * Ht7017Frames.BYTE_NANOS : -1;
            Located at = new Located(chunk, nanos);
            if (chunk.direction() == Direction.MCU) {
                mcuByte(chunk.at(i), at);
            } else {
                chipByte(chunk.at(i), at);
            }
        }
    }

    /** Ends the capture: reports what is left pending (a command without reply, a partial command). */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        flushStray();
        if (pending != null) {
            pending.endWithoutReply();
        }
        if (host.size() > 0) {
            problem(hostStart, "the capture ends inside command " + hex(host.toByteArray()));
        }
    }

    private void mcuByte(int b, Located at) {
        flushStray();
        if (pending != null) {
            pending.endWithoutReply();
        }
        if (host.size() > 0 && lastMcuByte != null && lastMcuByte.nanos >= 0 && at.nanos >= 0) {
            long gapNanos = at.nanos - (lastMcuByte.nanos + Ht7017Frames.BYTE_NANOS);
            if (gapNanos > Ht7017Frames.INTER_BYTE_RESET_NANOS) {
                problem(hostStart, String.format(Locale.ROOT,
                        "partial command %s abandoned after a %.1f ms gap (the chip resets its receiver after 20 ms)",
                        hex(host.toByteArray()), gapNanos / 1e6));
                host.reset();
            }
        }
        lastMcuByte = at;
        if (host.size() == 0) {
            if (b != Ht7017Frames.HEAD) {
                stray(b, at);
                return;
            }
            hostStart = at;
        }
        host.write(b);
        byte[] f = host.toByteArray();
        if (f.length == 2 && (f[1] & Ht7017Frames.WRITE_FLAG) == 0) {
            pending = new Pending(Op.READ, f[1] & 0x7F, hostStart, 0, true);
            host.reset();
        } else if (f.length == 5) {
            int cmd = f[1] & 0xFF;
            if (cmd == BLOCK_READ) {
                pending = new Pending(Op.READ, -1, hostStart, 0, false, f);
            } else {
                int value = ((f[2] & 0xFF) << 8) | (f[3] & 0xFF);
                boolean ok = Ht7017Frames.checksum(f[0], f[1], f[2], f[3]) == (f[4] & 0xFF);
                pending = new Pending(Op.WRITE, cmd & 0x7F, hostStart, value, ok);
            }
            host.reset();
        }
    }

    private void chipByte(int b, Located at) {
        if (host.size() > 0) {
            problem(hostStart, "incomplete command " + hex(host.toByteArray())
                    + " abandoned: the chip answered before it was complete");
            host.reset();
        }
        if (pending == null) {
            stray(b, at);
            return;
        }
        pending.reply(b);
    }

    private void stray(int b, Located at) {
        if (stray.size() > 0 && (strayStart.chunk.direction() != at.chunk.direction()
                || strayStart.chunk.line() != at.chunk.line())) {
            flushStray();
        }
        if (stray.size() == 0) {
            strayStart = at;
        }
        stray.write(b);
    }

    private void flushStray() {
        if (stray.size() == 0) {
            return;
        }
        byte[] bytes = stray.toByteArray();
        String what = strayStart.chunk.direction() == Direction.MCU ? "MCU byte(s) outside any command"
                : "chip byte(s) nobody asked for";
        problem(strayStart, "skipped " + bytes.length + " " + what + ": " + HexText.preview(bytes, 0, bytes.length));
        stray.reset();
    }

    private void problem(Located at, String message) {
        sink.accept(new DecodeProblem(at.chunk.line(), message));
    }

    private static String hex(byte[] bytes) {
        return HexText.preview(bytes, 0, bytes.length);
    }

    private record Located(CaptureChunk chunk, long nanos) {
    }

    /** A command sent by the MCU, waiting for the chip's reply bytes. */
    private final class Pending {
        private final Op op;
        private final int address;
        private final Located start;
        private final int writeValue;
        private final boolean hostChecksumOk;
        private final byte[] blockRequest;
        private final ByteArrayOutputStream reply = new ByteArrayOutputStream();
        private long blockReplyBytes;

        Pending(Op op, int address, Located start, int writeValue, boolean hostChecksumOk) {
            this(op, address, start, writeValue, hostChecksumOk, null);
        }

        Pending(Op op, int address, Located start, int writeValue, boolean hostChecksumOk, byte[] block) {
            this.op = op;
            this.address = address;
            this.start = start;
            this.writeValue = writeValue;
            this.hostChecksumOk = hostChecksumOk;
            this.blockRequest = block;
        }

        void reply(int b) {
            if (blockRequest != null) {
                blockReplyBytes++;
                return;
            }
            reply.write(b);
            if (op == Op.READ && reply.size() == Ht7017Frames.READ_REPLY_LENGTH) {
                byte[] r = reply.toByteArray();
                int raw = Ht7017Frames.replyValue(r);
                boolean ok = Ht7017Frames.replyChecksumOk(address, r);
                int value = Ht7017Register.at(address).map(reg -> reg.decode(raw)).orElse(raw);
                Optional<String> note = ok ? Optional.empty() : Optional.of(String.format(
                        "reply %s: checksum 0x%02X, expected 0x%02X", hex(r), r[3] & 0xFF,
                        Ht7017Frames.readChecksum(address, raw)));
                done(OptionalInt.of(value), ok, null, note);
            } else if (op == Op.WRITE) {
                Ack ack = b == Ht7017Frames.ACK_OK ? Ack.OK : Ack.ERROR;
                Optional<String> note = b == Ht7017Frames.ACK_OK || b == Ht7017Frames.ACK_ERROR ? Optional.empty()
                        : Optional.of(String.format("unexpected ACK byte 0x%02X (0x54 = ok, 0x63 = error)", b));
                done(OptionalInt.of(writeValue), hostChecksumOk, ack, note);
            }
        }

        void endWithoutReply() {
            if (blockRequest != null) {
                problem(start, "block read " + hex(blockRequest) + " and its " + blockReplyBytes
                        + " reply byte(s) not decoded (0x6A 0xC6 block reads are not supported)");
                pending = null;
                return;
            }
            if (op == Op.READ) {
                String got = reply.size() == 0 ? "no reply" : "a short reply (" + reply.size() + " of 4 bytes: "
                        + hex(reply.toByteArray()) + ")";
                done(OptionalInt.empty(), false, null, Optional.of(got));
            } else {
                done(OptionalInt.of(writeValue), hostChecksumOk, Ack.NONE, Optional.of("no ACK"));
            }
        }

        private void done(OptionalInt value, boolean checksumOk, Ack ack, Optional<String> note) {
            OptionalDouble time = start.nanos >= 0 ? OptionalDouble.of(start.nanos / 1e9) : OptionalDouble.empty();
            sink.accept(new Ht7017Transaction(start.chunk.line(), time, op, address, value,
                    checksumOk, ack, note));
            pending = null;
        }
    }
}
