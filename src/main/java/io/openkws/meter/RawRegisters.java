package io.openkws.meter;

/**
 * The HT7017 register values behind one {@link Reading}, decoded (powers signed), for bring-up output, traces and
 * calibration. Slow registers hold the value of their last read.
 *
 * <p>Field names follow the fact sheet: Rms_U, Rms_I1, PowerP1, PowerQ1, PowerS, Freq_U, EnergyP, EMUSR.
 */
public record RawRegisters(int rmsU, int rmsI1, int powerP1, int powerQ1, int powerS, int freqU, int energyP,
        int emusr) {
}
