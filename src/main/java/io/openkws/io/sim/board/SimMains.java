package io.openkws.io.sim.board;

import java.util.function.BooleanSupplier;

/**
 * The "true" mains at a simulated metering chip: what the scenario, the terminal console and the tests set, and
 * what any simulated chip (HT7017, BL0942) turns into its registers.
 *
 * <p>Exists so the simulated board, {@code simulate} and {@code run} drive whichever chip the board carries
 * through one interface. Implementations are thread-safe: inputs may change from another thread than the one
 * talking to the chip.
 */
public interface SimMains {

    /** True RMS voltage at the meter (negative values read as 0). */
    void setVoltageV(double voltageV);

    /** True RMS current drawn by the load while it is connected. */
    void setCurrentA(double currentA);

    /** Power factor in [-1, 1]; positive = inductive (lagging). */
    void setPowerFactor(double powerFactor);

    void setFrequencyHz(double frequencyHz);

    /** Whether current flows (the simulated relay is closed); polled at every measurement update. */
    void setLoadConnected(BooleanSupplier loadConnected);

    double voltageV();

    double currentA();
}
