package io.openkws.io.trace;

import io.openkws.driver.tm1622.Tm1622Bus;
import io.openkws.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Tm1622Bus} that records every level change with its clock time, optionally passing everything on to
 * another bus (the simulated chip, for instance).
 *
 * <p>Exists for golden-trace tests and for {@code lcd trace}: what it records is what a logic analyser on the
 * pins would show, in the CSV format {@code time,CS,WR,DATA} that {@code decode tm1622} reads. All lines start
 * high (the idle state), and that state is the first row.
 */
public final class RecordingTm1622Bus implements Tm1622Bus {

    /** The lines of the bus, in CSV column order. */
    public enum Line { CS, WR, DATA, RD }

    /** One level change (or, for the first row, the idle state at the start). */
    public record Change(long timeNanos, Line line, boolean high) {
    }

    private final Clock clock;
    private final Tm1622Bus delegate;
    private final long startNanos;
    private final boolean[] levels = {true, true, true, true};
    private final List<Change> changes = new ArrayList<>();
    private boolean rdUsed;

    /** A recorder that only records; {@link #pause} sleeps on {@code clock}. */
    public RecordingTm1622Bus(Clock clock) {
        this(clock, null);
    }

    /** A recorder in front of {@code delegate}, which then also does the waiting. */
    public RecordingTm1622Bus(Clock clock, Tm1622Bus delegate) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.delegate = delegate;
        this.startNanos = clock.nanoTime();
    }

    @Override
    public void cs(boolean high) {
        record(Line.CS, high);
        if (delegate != null) {
            delegate.cs(high);
        }
    }

    @Override
    public void wr(boolean high) {
        record(Line.WR, high);
        if (delegate != null) {
            delegate.wr(high);
        }
    }

    @Override
    public void data(boolean high) {
        record(Line.DATA, high);
        if (delegate != null) {
            delegate.data(high);
        }
    }

    @Override
    public boolean canRead() {
        return delegate != null && delegate.canRead();
    }

    @Override
    public void rd(boolean high) {
        if (delegate == null) {
            Tm1622Bus.super.rd(high);
        }
        rdUsed = true;
        record(Line.RD, high);
        delegate.rd(high);
    }

    @Override
    public boolean readData() {
        if (delegate == null) {
            return Tm1622Bus.super.readData();
        }
        return delegate.readData();
    }

    @Override
    public void pause(long nanos) {
        if (delegate != null) {
            delegate.pause(nanos);
            return;
        }
        try {
            clock.sleepNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while clocking the TM1622", e);
        }
    }

    /** The level changes so far, in order (several may share a time). */
    public List<Change> changes() {
        return Collections.unmodifiableList(changes);
    }

    /**
     * The trace as CSV: header {@code time,CS,WR,DATA} (plus {@code ,RD} once RD was used), a first row with the
     * idle levels at the recorder's start, then one row per change; time in seconds with nanosecond digits.
     */
    public String toCsv() {
        StringBuilder out = new StringBuilder(changes.size() * 24 + 32);
        out.append(rdUsed ? "time,CS,WR,DATA,RD\n" : "time,CS,WR,DATA\n");
        boolean[] state = {true, true, true, true};
        row(out, startNanos, state);
        for (Change change : changes) {
            state[change.line().ordinal()] = change.high();
            row(out, change.timeNanos(), state);
        }
        return out.toString();
    }

    private void row(StringBuilder out, long nanos, boolean[] state) {
        out.append(nanos / 1_000_000_000L).append('.');
        String fraction = Long.toString(nanos % 1_000_000_000L);
        out.repeat('0', 9 - fraction.length()).append(fraction);
        int columns = rdUsed ? 4 : 3;
        for (int i = 0; i < columns; i++) {
            out.append(',').append(state[i] ? '1' : '0');
        }
        out.append('\n');
    }

    private void record(Line line, boolean high) {
        if (levels[line.ordinal()] != high) {
            levels[line.ordinal()] = high;
            changes.add(new Change(clock.nanoTime(), line, high));
        }
    }
}
