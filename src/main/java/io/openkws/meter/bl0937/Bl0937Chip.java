package io.openkws.meter.bl0937;

import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Sample;
import io.openkws.meter.ChipSample;
import io.openkws.meter.MeterChip;
import io.openkws.meter.MeterException;
import io.openkws.meter.PollChecks;
import io.openkws.meter.Quantity;
import java.util.List;
import java.util.Set;

/**
 * The BL0937 as a {@link MeterChip}: the pulse driver's frequencies turned into volts, amps and watts by a
 * {@link Bl0937Profile}, and its CF pulse count as the energy counter.
 *
 * <p>Exists so the shared {@link io.openkws.meter.Meter} (energy totals, protection, display, MQTT) runs unchanged
 * on a BL0937 board. What the chip cannot give is stated rather than invented: it has no identity to probe (a
 * missing chip looks like a dead mains: 0 V, so {@link #connect()} never fails and METER_LOST cannot see it), no
 * line frequency (0, unknown), no power sign (P ≥ 0) and no reactive power (Q is the magnitude √(S² − P²) from
 * S = V × I, V and I measured at different moments by the SEL schedule). Pulses cannot be corrupted like UART
 * frames, so nothing is re-read; what counts as a bad frame is a delivery burst (the GPIO event path stalled and
 * its edges' times were lost, see {@link Bl0937Driver#bursts()}). Energy cannot stall for lack of configuration
 * (CF is both the power and the energy): the meter's stall check is never armed. Each {@link #poll} takes one
 * driver tick (50 ms by default); see {@link Bl0937Driver} for the SEL schedule and latencies.
 */
public final class Bl0937Chip implements MeterChip {

    /** Chip identity returned by {@link #connect()}: the BL0937 has none, so its part number. */
    public static final int IDENTITY = 0x0937;
    /** The raw view: frequencies in millihertz (datasheet pin names) and the CF pulse count. */
    public static final List<String> RAW_NAMES = List.of("CF_mHz", "CF1_U_mHz", "CF1_I_mHz", "CF_PULSES");
    /** Longest {@link #pollFull} waits for both CF1 quantities. */
    static final long FULL_POLL_LIMIT_NANOS = 2_000_000_000L;

    private final Bl0937Driver driver;
    private final Bl0937Profile profile;
    private final ChipSample sample = new ChipSample(RAW_NAMES);
    private long inits;
    private long reinits;

    public Bl0937Chip(Bl0937Driver driver, Bl0937Profile profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public Bl0937Driver driver() {
        return driver;
    }

    public Bl0937Profile profile() {
        return profile;
    }

    @Override
    public String name() {
        return "BL0937";
    }

    /** Starts the SEL schedule; always succeeds (the chip cannot be probed). */
    @Override
    public int connect() {
        driver.start();
        inits++;
        return IDENTITY;
    }

    /** Takes one driver tick and says whether voltage and current have both been measured since the start. */
    @Override
    public boolean measuring() {
        driver.poll();
        return driver.ready();
    }

    @Override
    public ChipSample poll(PollChecks checks) {
        return fill(driver.poll(), checks);
    }

    /** Polls until voltage and current have both been measured (at most about two SEL cycles). */
    @Override
    public ChipSample pollFull(PollChecks checks) {
        Bl0937Sample s = driver.poll();
        long deadline = s.timestampNanos() + FULL_POLL_LIMIT_NANOS;
        while (!driver.ready() && s.timestampNanos() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
            s = driver.poll();
        }
        return fill(s, checks);
    }

    private ChipSample fill(Bl0937Sample s, PollChecks checks) {
        double v = profile.voltageV(s.voltageHz());
        double i = profile.currentA(s.currentHz());
        double p = profile.powerW(s.powerHz());
        double va = v * i;
        double q = Math.sqrt(Math.max(0, va * va - p * p));
        checks.energyCount(s.cfPulses());
        sample.set(s.timestampNanos(), v, i, p, q, va, 0, false);
        sample.raw(0, milli(s.powerHz()));
        sample.raw(1, milli(s.voltageHz()));
        sample.raw(2, milli(s.currentHz()));
        sample.raw(3, (int) Math.min(Integer.MAX_VALUE, s.cfPulses()));
        return sample;
    }

    private static int milli(double hz) {
        return (int) Math.min(Integer.MAX_VALUE, Math.round(hz * 1000));
    }

    @Override
    public Set<Quantity> rereadable() {
        return Set.of();
    }

    @Override
    public int reread(Quantity quantity) {
        throw new MeterException("the BL0937 cannot re-read " + quantity + ": it has no registers");
    }

    /** Restarts the SEL schedule (the BL0937 keeps no configuration to lose). */
    @Override
    public void reinitialise() {
        driver.start();
        inits++;
        reinits++;
    }

    @Override
    public long inits() {
        return inits;
    }

    @Override
    public long reinits() {
        return reinits;
    }

    /** Delivery bursts on CF and CF1: the nearest thing a pulse chip has to a bad frame. */
    @Override
    public long badFrames() {
        return driver.bursts();
    }

    /** The CF pulse count never wraps in practice (a long). */
    @Override
    public long energyModulus() {
        return 1L << 62;
    }

    @Override
    public double energyCountsPerKWh() {
        return profile.pulsesPerKWh();
    }
}
