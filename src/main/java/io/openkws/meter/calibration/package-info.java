/**
 * The bench calibration procedure of the HT7017 (fact sheet §4), one step at a time against a live chip:
 * averaging until stable ({@link io.openkws.meter.calibration.Sampler}), offsets, gain and phase
 * ({@link io.openkws.meter.calibration.CalibrationSession}), verification, and the profile file it writes.
 *
 * <p>No terminal code: a front-end (the wizard in {@code cli.calibrate}) asks the questions and draws the
 * progress; a step the user must redo is a {@link io.openkws.meter.calibration.CalibrationException}. May use: {@code meter}, {@code driver.ht7017}, {@code yaml}, {@code time}, the root
 * {@code io.openkws.UserInput}, the JDK. Must not use: {@code protect}, {@code ui}, {@code service}, front-ends,
 * {@code io.*}, {@code app}, {@code cli}.
 */
package io.openkws.meter.calibration;
