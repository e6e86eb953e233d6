package io.openkws.meter.calibration;

import io.openkws.driver.bl0937.Bl0937Driver;
import io.openkws.driver.bl0937.Bl0937Sample;
import io.openkws.meter.ChannelScales;
import io.openkws.meter.Trim;
import io.openkws.meter.bl0937.Bl0937Profile;

/**
 * The BL0937 as a {@link CalibrationTarget}: raw readings are its pulse frequencies in hertz (CF1 on voltage, CF1
 * on current, CF), one reading per SEL cycle of the driver (voltage and power averaged over the cycle's ticks,
 * the current from its one window), and the calibration is kept in software as the profile's {@link Trim} over the CF / CF1 scales.
 *
 * <p>Exists so the shared calibration procedure reaches a BL0937 without knowing its SEL schedule. Resolution: the
 * driver measures by period (first to last edge of a window), so with exact edge times (the simulator) a steady
 * frequency reads exactly; on a Pi the GPIO event timestamps' jitter σ gives about √2·σ / window per figure (the
 * current's window is 80 ms: 0.09 % for σ = 50 µs), which the sampler's average of 8 readings divides by √8.
 */
public final class Bl0937Target extends SoftwareChipTarget<Bl0937Profile> {

    /** Longest wait for one fresh voltage and current figure (two SEL cycles of the slowest schedule). */
    static final long FRESH_LIMIT_NANOS = 2_000_000_000L;

    private final Bl0937Driver driver;
    private long lastVoltageAt = Long.MIN_VALUE;
    private long lastCurrentAt = Long.MIN_VALUE;

    public Bl0937Target(Bl0937Driver driver, Bl0937Profile profile) {
        super(profile, ProfileFile::toYaml);
        this.driver = driver;
    }

    @Override
    public String chipName() {
        return "BL0937";
    }

    @Override
    public String rawUnit() {
        return "Hz";
    }

    @Override
    public String begin() {
        driver.start();
        return "BL0937 SEL schedule started (the chip cannot be probed: a missing chip reads 0 Hz)";
    }

    @Override
    public Sampler.Source source() {
        ChannelScales n = nominal();
        return new Sampler.Source() {
            @Override
            public void read(double[] into) {
                cycle(into);
                into[3] = n.powerScale() * (into[0] / n.voltageScale()) * (into[1] / n.currentScale());
            }

            /** Frequencies in the hertz range: a few hertz is the driver's floor, not a signal to check for spread. */
            @Override
            public double floor() {
                return 5;
            }
        };
    }

    /**
     * One reading per SEL cycle: polls the driver until the current figure has been refreshed (and a voltage
     * figure since the last reading), averaging every fresh voltage figure (the voltage phase's ticks) and every
     * tick's power figure on the way, which divides the edge-timing jitter of one 50 ms window by about √6.
     */
    private void cycle(double[] into) {
        double voltageSum = 0;
        int voltages = 0;
        double powerSum = 0;
        int powers = 0;
        Bl0937Sample s = driver.poll();
        long deadline = s.timestampNanos() + FRESH_LIMIT_NANOS;
        while (true) {
            if (s.voltageAtNanos() != lastVoltageAt && driver.ready()) {
                voltageSum += s.voltageHz();
                voltages++;
                lastVoltageAt = s.voltageAtNanos();
            }
            if (driver.ready()) {
                powerSum += s.powerHz();
                powers++;
            }
            boolean fresh = s.currentAtNanos() != lastCurrentAt && voltages > 0 && driver.ready();
            if (fresh || s.timestampNanos() - deadline >= 0) {
                break;
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new CalibrationCancelled("calibration cancelled (interrupted)");
            }
            s = driver.poll();
        }
        lastCurrentAt = s.currentAtNanos();
        into[0] = voltages > 0 ? voltageSum / voltages : s.voltageHz();
        into[1] = s.currentHz();
        into[2] = powers > 0 ? powerSum / powers : s.powerHz();
    }
}
