package io.openkws.meter.calibration;

/**
 * Averaged raw readings of one calibration step, in the chip's raw units (register counts, or hertz for the
 * BL0937), named after the HT7017's registers that were the first to fill them.
 *
 * @param rmsU     mean raw voltage (HT7017 Rms_U, BL0942 V_RMS, BL0937 CF1 on voltage)
 * @param rmsI1    mean raw current (HT7017 Rms_I1, BL0942 I_RMS, BL0937 CF1 on current)
 * @param powerP1  mean raw active power (HT7017 PowerP1, BL0942 WATT, both signed; BL0937 CF)
 * @param powerS   mean raw apparent power (HT7017 PowerS; V x I through the datasheet scales on the others)
 * @param samples  how many readings were averaged
 * @param spread   the largest relative spread (max - min) / |mean| of the quantities checked for stability
 */
public record Sample(double rmsU, double rmsI1, double powerP1, double powerS, int samples, double spread) {
}
