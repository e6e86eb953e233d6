package io.openkws.io.trace;

import io.openkws.driver.ht7017.Ht7017Link;
import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Wraps an {@link Ht7017Link} and records both directions as timestamped hex lines, in the text format the
 * {@code decode ht7017} command reads: {@code 0.013750 MCU> 6A 08} for host bytes, {@code CHIP> ...} for the
 * chip's, {@code # flush} for resynchronisations.
 *
 * <p>Exists for golden tests (the driver's exact traffic, frozen in a file) and for bring-up logs. Recording
 * allocates; use it only where that does not matter.
 */
public final class RecordingHt7017Link implements Ht7017Link {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    private final Ht7017Link inner;
    private final Clock clock;
    private final long originNanos;
    private final List<String> lines = new ArrayList<>();

    public RecordingHt7017Link(Ht7017Link inner, Clock clock) {
        this.inner = inner;
        this.clock = clock;
        this.originNanos = clock.nanoTime();
    }

    @Override
    public void write(byte[] bytes) {
        record("MCU> " + HEX.formatHex(bytes));
        inner.write(bytes);
    }

    @Override
    public int read(byte[] buffer, int count, long timeoutNanos) {
        int n = inner.read(buffer, count, timeoutNanos);
        record(n > 0 ? "CHIP> " + HEX.formatHex(buffer, 0, n) : "# timeout");
        return n;
    }

    @Override
    public void flush() {
        record("# flush");
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    /** The recorded lines so far, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** The recording as text, one line per event, each ending in a newline. */
    public synchronized String text() {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private synchronized void record(String event) {
        double t = (clock.nanoTime() - originNanos) / 1e9;
        lines.add(String.format(Locale.ROOT, "%.6f %s", t, event));
    }
}
