package io.openkws.driver.bl0942;

/**
 * One decoded full packet of the BL0942 (the answer to {@code 58 AA}): every measurement register at once.
 *
 * @param iRms     I_RMS, current RMS counts
 * @param vRms     V_RMS, voltage RMS counts
 * @param iFastRms I_FAST_RMS, fast current RMS counts
 * @param watt     WATT, active power counts, signed (negative = reverse power)
 * @param cfCnt    CF_CNT, energy pulse counter (24 bits, wraps)
 * @param freq     FREQ, line period counts (f = 1 000 000 / FREQ)
 * @param status   STATUS bits
 */
public record Bl0942Packet(int iRms, int vRms, int iFastRms, int watt, int cfCnt, int freq, int status) {
}
