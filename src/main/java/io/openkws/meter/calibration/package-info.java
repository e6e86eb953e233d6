/**
 * The bench calibration procedure of every metering chip, one step at a time against a live chip: averaging until
 * stable ({@link io.openkws.meter.calibration.Sampler}), how the current's zero reading combines with the signal
 * ({@link io.openkws.meter.calibration.CurrentModel}), the HT7017's offsets, gain and phase registers
 * ({@link io.openkws.meter.calibration.CalibrationSession}), the software gain and offset of the BL0942 and BL0937
 * ({@link io.openkws.meter.calibration.SoftwareCalibrationSession} on a
 * {@link io.openkws.meter.calibration.CalibrationTarget} per chip), verification with its affine fit, and the
 * profile files it writes.
 *
 * <p>No terminal code: a front-end (the wizard in {@code cli.calibrate}) asks the questions and draws the
 * progress; a step the user must redo is a {@link io.openkws.meter.calibration.CalibrationException}. May use: {@code meter} and the chips' packages under it ({@code meter.bl0942}, {@code meter.bl0937}: their
 * profiles), the chip drivers ({@code driver.ht7017}, {@code driver.bl0942}, {@code driver.bl0937}), {@code yaml}, {@code time}, the root
 * {@code io.openkws.UserInput}, the JDK. Must not use: {@code protect}, {@code ui}, {@code service}, front-ends,
 * {@code io.*}, {@code app}, {@code cli}.
 */
package io.openkws.meter.calibration;
