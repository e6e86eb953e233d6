package io.openkws.meter.calibration;

/**
 * Averaged raw measurement registers of one calibration step (register counts, not units).
 *
 * @param rmsU     mean Rms_U
 * @param rmsI1    mean Rms_I1
 * @param powerP1  mean PowerP1 (signed)
 * @param powerS   mean PowerS
 * @param samples  how many readings were averaged
 * @param spread   the largest relative spread (max - min) / |mean| of the quantities checked for stability
 */
public record Sample(double rmsU, double rmsI1, double powerP1, double powerS, int samples, double spread) {
}
