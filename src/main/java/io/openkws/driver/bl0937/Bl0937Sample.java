package io.openkws.driver.bl0937;

/**
 * What the BL0937's pulse outputs said at one reading: three frequencies and the CF pulse count.
 *
 * @param timestampNanos   when the reading was taken, on the driver's clock
 * @param powerHz          CF frequency (active power; the BL0937 gives no sign)
 * @param voltageHz        CF1 frequency with SEL on voltage, as of {@code voltageAtNanos}
 * @param voltageAtNanos   when the voltage figure was last refreshed
 * @param currentHz        CF1 frequency with SEL on current, as of {@code currentAtNanos}
 * @param currentAtNanos   when the current figure was last refreshed
 * @param cfPulses         rising CF edges since the driver started (energy)
 * @param selVoltage       whether CF1 carries voltage now
 */
public record Bl0937Sample(long timestampNanos, double powerHz, double voltageHz, long voltageAtNanos,
                           double currentHz, long currentAtNanos, long cfPulses, boolean selVoltage) {
}
