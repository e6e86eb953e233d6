package io.openkws.tuyamcu;

import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.TuyaMcuFrameDecoder;
import io.openkws.driver.tuyamcu.TuyaMcuFrames;
import io.openkws.driver.tuyamcu.TuyaMcuLink;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The WiFi module's side of the link, as a test drives it: sends frames (or any bytes) and collects every frame the
 * bridge sends, decoded with the shared frame decoder. Public for the whole-device tests in {@code app}.
 */
public final class ModuleEmulator implements AutoCloseable {

    /** Generous: a missing answer fails the test after this long; nothing waits for it when things work. */
    public static final long TIMEOUT_MILLIS = 10_000;

    private final TuyaMcuLink link;
    private final BlockingQueue<TuyaMcuFrameDecoder.Frame> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean closed;

    public ModuleEmulator(TuyaMcuLink link) {
        this.link = link;
        this.reader = Thread.ofPlatform().daemon().name("module-emulator").start(this::read);
    }

    private void read() {
        TuyaMcuFrameDecoder decoder = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.PAUSE);
        byte[] buffer = new byte[512];
        while (!closed) {
            int n;
            try {
                n = link.read(buffer, 50);
            } catch (UncheckedIOException e) {
                return;
            }
            List<TuyaMcuFrameDecoder.Decoded> found = n > 0 ? decoder.feed(buffer, 0, n)
                    : decoder.pending() > 0 ? decoder.endOfInput() : List.of();
            for (TuyaMcuFrameDecoder.Decoded d : found) {
                if (d instanceof TuyaMcuFrameDecoder.Frame f) {
                    received.add(f);
                }
            }
        }
    }

    public void send(int command, byte[] data) {
        link.write(TuyaMcuFrames.encode(0, command, data));
    }

    public void sendDps(DataPoint... dps) {
        send(0x06, DataPoint.encode(List.of(dps)));
    }

    public void sendRaw(byte[] bytes) {
        link.write(bytes);
    }

    /** The next frame the bridge sent; fails after {@link #TIMEOUT_MILLIS}. */
    public TuyaMcuFrameDecoder.Frame next() {
        try {
            TuyaMcuFrameDecoder.Frame f = received.poll(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("the bridge sent nothing within " + TIMEOUT_MILLIS + " ms");
            }
            return f;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Frames up to and including the first matching one; fails if none comes. */
    public List<TuyaMcuFrameDecoder.Frame> until(Predicate<TuyaMcuFrameDecoder.Frame> match) {
        List<TuyaMcuFrameDecoder.Frame> seen = new ArrayList<>();
        while (true) {
            TuyaMcuFrameDecoder.Frame f = next();
            seen.add(f);
            if (match.test(f)) {
                return seen;
            }
        }
    }

    /** The state report of data point {@code dp} that matches, skipping other frames. */
    public DataPoint untilReport(int dp, Predicate<DataPoint> match) {
        while (true) {
            TuyaMcuFrameDecoder.Frame f = next();
            if (f.command() != 0x07) {
                continue;
            }
            for (DataPoint p : DataPoint.parse(f.data()).dps()) {
                if (p.id() == dp && match.test(p)) {
                    return p;
                }
            }
        }
    }

    /**
     * Heartbeat, product information, working mode, query status: the module's side of the stock boot handshake,
     * up to the last data point of the full report.
     */
    public void handshake() {
        send(0x00, new byte[0]);
        next();
        send(0x01, new byte[0]);
        next();
        send(0x02, new byte[0]);
        next();
        send(0x08, new byte[0]);
        until(f -> f.command() == 0x07 && DataPoint.parse(f.data()).dps().getFirst().id() == 10);
    }

    /** The data points of every state report received and not yet taken, without waiting. */
    public List<DataPoint> drainReports() {
        List<DataPoint> dps = new ArrayList<>();
        for (TuyaMcuFrameDecoder.Frame f : drain()) {
            if (f.command() == 0x07) {
                dps.addAll(DataPoint.parse(f.data()).dps());
            }
        }
        return dps;
    }

    /** Frames received and not yet taken, without waiting. */
    public List<TuyaMcuFrameDecoder.Frame> drain() {
        List<TuyaMcuFrameDecoder.Frame> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    public static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }

    public static byte[] bytes(TuyaMcuFrameDecoder.Frame f) {
        return TuyaMcuFrames.encode(f.version(), f.command(), f.data());
    }

    @Override
    public void close() {
        closed = true;
        link.close();
        try {
            reader.join(1000);              // a read in progress (50 ms at most) may still use the link
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
