package io.openkws.driver.bl0937;

/**
 * How BL0937 pulse frequencies become volts, amps and watts on one board.
 *
 * <p>Exists so the datasheet's transfer functions live in one place. BL0937 datasheet (reference voltage
 * Vref = 1.218 V, V(V) and V(I) the RMS voltages at the voltage and current input pins):
 * <pre>
 * fCF  = 1721506 × V(V) × V(I) / Vref²      (active power)
 * fCF1 =   94638 × V(I) / Vref               (SEL on current)
 * fCF1 =   15397 × V(V) / Vref               (SEL on voltage)
 * </pre>
 * With a shunt of R ohms (V(I) = I × R) and a divider of ratio k (V(V) = V / k), each quantity is its frequency
 * times a constant: {@link #referenceDesign} computes them. ESPHome's {@code hlw8012} component uses the same
 * formulas for its BL0937 model, with defaults R = 0.001 Ω and k = 2351, which are the defaults here.
 *
 * @param voltsPerHz voltage per CF1 hertz (SEL on voltage)
 * @param ampsPerHz  current per CF1 hertz (SEL on current)
 * @param wattsPerHz active power per CF hertz; also joules per CF pulse
 */
public record Bl0937Scales(double voltsPerHz, double ampsPerHz, double wattsPerHz) {

    /** Datasheet reference voltage, volts. */
    public static final double VREF_V = 1.218;
    /** Datasheet CF constant: fCF = K × V(V) × V(I) / Vref². */
    public static final double K_POWER = 1_721_506;
    /** Datasheet CF1 constant with SEL on current: fCF1 = K × V(I) / Vref. */
    public static final double K_CURRENT = 94_638;
    /** Datasheet CF1 constant with SEL on voltage: fCF1 = K × V(V) / Vref. */
    public static final double K_VOLTAGE = 15_397;
    /** Shunt of the datasheet's reference design (and ESPHome's default), ohms. */
    public static final double REFERENCE_SHUNT_OHMS = 0.001;
    /** Voltage divider ratio used by ESPHome's hlw8012 component by default. */
    public static final double REFERENCE_DIVIDER = 2351;

    public Bl0937Scales {
        if (!(voltsPerHz > 0) || !(ampsPerHz > 0) || !(wattsPerHz > 0)) {
            throw new IllegalArgumentException("scales must be positive");
        }
    }

    /** The scales of a board with the given reference voltage, shunt and divider ratio (see the class comment). */
    public static Bl0937Scales referenceDesign(double vrefV, double shuntOhms, double dividerRatio) {
        return new Bl0937Scales(vrefV * dividerRatio / K_VOLTAGE, vrefV / shuntOhms / K_CURRENT,
                vrefV * vrefV * dividerRatio / shuntOhms / K_POWER);
    }

    /** The datasheet reference design with ESPHome's default shunt and divider. */
    public static Bl0937Scales referenceDesign() {
        return referenceDesign(VREF_V, REFERENCE_SHUNT_OHMS, REFERENCE_DIVIDER);
    }

    public double voltageV(double hz) {
        return hz * voltsPerHz;
    }

    public double currentA(double hz) {
        return hz * ampsPerHz;
    }

    public double powerW(double hz) {
        return hz * wattsPerHz;
    }

    /** Energy of one CF pulse, kWh. */
    public double kWhPerPulse() {
        return wattsPerHz / 3.6e6;
    }
}
