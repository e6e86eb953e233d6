package io.openkws.meter.calibration;

import io.openkws.meter.ChannelScales;

/**
 * What a chip calibrated in software only (gain and offset per channel on top of its datasheet scales, no
 * calibration registers: the BL0942, the BL0937) supplies to the shared procedure ({@link SoftwareCalibrationSession},
 * {@link Verification}): fresh raw readings, its datasheet scales, the scales of the profile it was built with, and
 * the profile file for new scales.
 *
 * <p>Exists so the no-load step, the gain and low-current steps, the one-point form and {@code verify --fit} are
 * written once: what differs between chips (registers or pulse frequencies, the profile's file format, the raw
 * unit) is here. The HT7017 additionally tunes its own gain, phase and offset registers ({@link CalibrationSession}),
 * on the same {@link Sampler}, {@link CurrentModel} and {@link Verification}.
 */
public interface CalibrationTarget {

    /** The chip's name for messages, e.g. {@code BL0942}. */
    String chipName();

    /** The raw unit of its readings, for messages and the profile's comments: {@code counts} or {@code Hz}. */
    String rawUnit();

    /** Connects and configures the chip as {@code run} does with the profile (no calibration registers). One line. */
    String begin();

    /**
     * Fresh raw readings: voltage, current, active power, and an apparent power V × I in raw power units through
     * the datasheet scales (neither chip measures it; the calibration only compares it with P for the power factor).
     */
    Sampler.Source source();

    /** The datasheet's scales (raw units per volt, amp, watt), no offsets. */
    ChannelScales nominal();

    /** The scales of the profile this target was built with (its trim applied). */
    ChannelScales profileScales();

    /** That profile's name. */
    String profileName();

    /** That profile's note. */
    String profileNote();

    /** The profile file's text for {@code scales} (the datasheet's figures, a trim giving {@code scales}). */
    String profileYaml(ChannelScales scales, String name, String note);
}
