package io.openkws.io.sim.bl0937;

import io.openkws.yaml.ConfNode;
import io.openkws.driver.bl0937.Bl0937Scales;
import io.openkws.io.sim.board.SimEdgeInputPin;
import io.openkws.io.sim.board.SimMains;
import io.openkws.io.sim.board.SimOutputPin;
import io.openkws.io.sim.ht7017.FrontEnd.OffsetModel;
import io.openkws.time.Clock;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * A BL0937 on a board, in virtual time: from the true voltage, current and power factor it drives CF at the
 * active-power frequency and CF1 at the current or voltage frequency SEL selects, with the datasheet's transfer
 * functions (see {@link Bl0937Scales}) applied to the board's front end (shunt and voltage divider).
 *
 * <p>Exists so the BL0937 driver, and the whole controller on a BL0937 board, run without hardware and
 * reproducibly. Modelled: the three frequencies (CF from |P|: the chip gives no sign), 50 % duty pulses, a no-load
 * state (no current, or the load disconnected by the relay: no CF pulses and none on CF1 with SEL on current), and
 * SEL settling: after SEL changes, CF1 keeps the previous quantity's frequency for {@code settleNanos} before it
 * follows the new one, so a driver that does not discard the settling interval reads a blend. Whether the load is
 * connected (the simulated relay) is asked every {@value #LOAD_CHECK_NANOS} ns of clock time. Gain errors and
 * offsets are knobs ({@link Errors}, none by default) so calibration tests can inject what a real board has. Not
 * modelled: noise on the frequencies themselves, or the anti-creep threshold (a tiny load still pulses); the line frequency is
 * accepted and ignored (the BL0937 has no output for it). Thread-safe: the mains may be set from another thread
 * than the clock's.
 */
public final class Bl0937Sim implements SimMains {

    /**
     * The analogue front end: shunt resistance (ohms), voltage divider ratio (mains volts per volt at the chip's
     * voltage pin), the chip's reference voltage, and how long the model's CF1 takes to follow a SEL change.
     */
    public record FrontEnd(double shuntOhms, double dividerRatio, double vrefV, long selSettleNanos) {
        /**
         * The datasheet's reference voltage with ESPHome's default front end (1 mOhm, divider 2351 = 5 x 470 kOhm
         * over 1 kOhm; see {@link Bl0937Scales}) and {@link #DEFAULT_SETTLE_NANOS}.
         */
        public static final FrontEnd REFERENCE = new FrontEnd(Bl0937Scales.REFERENCE_SHUNT_OHMS,
                Bl0937Scales.REFERENCE_DIVIDER, Bl0937Scales.VREF_V, DEFAULT_SETTLE_NANOS);

        /** The scales a driver needs to read this front end exactly. */
        public Bl0937Scales scales() {
            return Bl0937Scales.referenceDesign(vrefV, shuntOhms, dividerRatio);
        }

        /**
         * Loads a front-end file ({@code hardware/<board>/frontends/<name>.yaml}):
         * <pre>
         * sensor: { type: shunt, resistance: 0.001 }
         * voltageDivider: { upper: 2350000, lower: 1000 }
         * vref: 1.218
         * simulation: { selSettle: 0.01 }
         * </pre>
         * Errors name the file, line and key.
         */
        public static FrontEnd load(Path file) {
            ConfNode root = ConfNode.load(file).allowOnly("name", "note", "sensor", "voltageDivider", "vref", "simulation");
            ConfNode sensor = root.section("sensor").allowOnly("type", "resistance");
            sensor.child("type").asChoice("shunt");
            ConfNode divider = root.section("voltageDivider").allowOnly("upper", "lower");
            double upper = divider.requireNumber("upper", 1, 1e9);
            double lower = divider.requireNumber("lower", 1, 1e9);
            ConfNode sim = root.section("simulation").allowOnly("selSettle");
            return new FrontEnd(sensor.requireNumber("resistance", 1e-6, 10), (upper + lower) / lower,
                    root.number("vref", Bl0937Scales.VREF_V, 0.1, 10),
                    Clock.secondsToNanos(sim.number("selSettle", DEFAULT_SETTLE_NANOS / 1e9, 0, 1)));
        }
    }

    /**
     * A board's deviations from the datasheet's transfer functions, for calibration tests: relative gain errors of
     * the three frequencies, a CF1 current offset in hertz (present at no load too) combined with the signal's
     * frequency as {@code offsetModel} says (a fixed offset, or noise adding in quadrature, like the HT7017
     * simulator's), a CF offset in hertz while a load draws current, and the edges' timestamp jitter (standard
     * deviation, ns: what a Pi's GPIO event path adds; seeded, 0 = exact edges).
     */
    public record Errors(double voltageError, double currentError, double powerError, double currentOffsetHz,
            OffsetModel offsetModel, double powerOffsetHz, double edgeJitterNanos) {
        /** The datasheet's transfer functions exactly. */
        public static final Errors NONE = new Errors(0, 0, 0, 0, OffsetModel.FIXED, 0, 0);

        /** Without edge jitter. */
        public Errors(double voltageError, double currentError, double powerError, double currentOffsetHz,
                OffsetModel offsetModel, double powerOffsetHz) {
            this(voltageError, currentError, powerError, currentOffsetHz, offsetModel, powerOffsetHz, 0);
        }

        public Errors {
            if (offsetModel == null || !(Math.abs(voltageError) < 0.5 && Math.abs(currentError) < 0.5
                    && Math.abs(powerError) < 0.5) || !(currentOffsetHz >= 0) || !Double.isFinite(powerOffsetHz)
                    || !(edgeJitterNanos >= 0)) {
                throw new IllegalArgumentException("gain errors within ±50 %, current offset and jitter ≥ 0");
            }
        }
    }

    /** Settling time of the model's CF1 after a SEL change when none is given: 10 ms. */
    public static final long DEFAULT_SETTLE_NANOS = 10_000_000L;

    private final Clock clock;
    private final FrontEnd frontEnd;
    private final boolean selHighForVoltage;
    private final long settleNanos;
    private final SimEdgeInputPin cf;
    private final SimEdgeInputPin cf1;
    private final SimOutputPin sel;
    private final PulseTrain cfTrain;
    private final PulseTrain cf1Train;
    private double voltageV;
    private double currentA;
    private double powerFactor = 1.0;
    private double frequencyHz = 50;
    private Errors errors = Errors.NONE;
    private BooleanSupplier loadSupplier = () -> true;
    private boolean loadConnected = true;
    private boolean cf1Voltage;
    private Clock.Timer settling;
    private Clock.Timer loadCheck;

    /** How often the load-connected supplier is asked, ns (the relay's contacts move in tens of ms). */
    public static final long LOAD_CHECK_NANOS = 10_000_000L;

    /** A chip on {@code frontEnd}, settling as the front end says. */
    public Bl0937Sim(Clock clock, FrontEnd frontEnd, boolean selHighForVoltage) {
        this(clock, frontEnd, selHighForVoltage, frontEnd.selSettleNanos());
    }

    /** A chip on {@code frontEnd} whose CF1 settles in {@code settleNanos} after a SEL change. */
    public Bl0937Sim(Clock clock, FrontEnd frontEnd, boolean selHighForVoltage, long settleNanos) {
        this.clock = clock;
        this.frontEnd = frontEnd;
        this.selHighForVoltage = selHighForVoltage;
        this.settleNanos = settleNanos;
        this.cf = new SimEdgeInputPin(clock, false);
        this.cf1 = new SimEdgeInputPin(clock, false);
        this.sel = new SimOutputPin("bl0937-sel", false);
        this.cfTrain = new PulseTrain(clock, cf);
        this.cf1Train = new PulseTrain(clock, cf1);
        this.cf1Voltage = !selHighForVoltage;
        sel.addListener(this::selChanged);
    }

    /** The CF output (to the driver). */
    public SimEdgeInputPin cf() {
        return cf;
    }

    /** The CF1 output (to the driver). */
    public SimEdgeInputPin cf1() {
        return cf1;
    }

    /** The SEL input, as the line the driver writes. */
    public SimOutputPin sel() {
        return sel;
    }

    public FrontEnd frontEnd() {
        return frontEnd;
    }

    /** True RMS voltage (negative values read as 0). */
    @Override
    public synchronized void setVoltageV(double voltageV) {
        this.voltageV = Math.max(0, voltageV);
        update();
    }

    /** True RMS current drawn by the load while it is connected. */
    @Override
    public synchronized void setCurrentA(double currentA) {
        this.currentA = Math.abs(currentA);
        update();
    }

    /** Power factor in [-1, 1]; its sign does not matter to CF, which pulses at |P|. */
    @Override
    public synchronized void setPowerFactor(double powerFactor) {
        this.powerFactor = powerFactor;
        update();
    }

    /** Line frequency: kept for the record, the BL0937 has no output for it. */
    @Override
    public synchronized void setFrequencyHz(double frequencyHz) {
        this.frequencyHz = frequencyHz;
    }

    @Override
    public synchronized double voltageV() {
        return voltageV;
    }

    @Override
    public synchronized double currentA() {
        return currentA;
    }

    public synchronized double frequencyHz() {
        return frequencyHz;
    }

    /** Sets the board's deviations from the datasheet (gain errors, offsets); they apply from now on. */
    public synchronized void setErrors(Errors errors) {
        this.errors = errors;
        cfTrain.setJitter(errors.edgeJitterNanos(), 0x0937);
        cf1Train.setJitter(errors.edgeJitterNanos(), 0x1937);
        update();
    }

    public synchronized Errors errors() {
        return errors;
    }

    /** Whether the load draws current (the relay's contacts are closed), fixed. */
    public void setLoadConnected(boolean connected) {
        setLoadConnected(() -> connected);
    }

    /**
     * Whether the load draws current, asked now and every {@value #LOAD_CHECK_NANOS} ns from now on (the
     * simulated relay's contacts).
     */
    @Override
    public synchronized void setLoadConnected(BooleanSupplier connected) {
        this.loadSupplier = connected;
        checkLoad();
    }

    private synchronized void checkLoad() {
        if (loadCheck != null) {
            loadCheck.cancel();
        }
        boolean now = loadSupplier.getAsBoolean();
        if (now != loadConnected) {
            loadConnected = now;
            update();
        }
        loadCheck = clock.schedule(LOAD_CHECK_NANOS, this::checkLoad);
    }

    /** The current actually flowing (0 while the load is disconnected). */
    public synchronized double flowingCurrentA() {
        return loadConnected ? currentA : 0;
    }

    /** True active power, W. */
    public synchronized double truePowerW() {
        return voltageV * flowingCurrentA() * powerFactor;
    }

    /** Whether CF1 carries voltage now (after settling). */
    public synchronized boolean cf1CarriesVoltage() {
        return cf1Voltage;
    }

    /** CF frequency now, Hz. */
    public synchronized double cfHz() {
        double vPin = voltageV / frontEnd.dividerRatio();
        double iPin = flowingCurrentA() * frontEnd.shuntOhms();
        double hz = Bl0937Scales.K_POWER * vPin * iPin * powerFactor / (frontEnd.vrefV() * frontEnd.vrefV());
        return Math.abs(hz * (1 + errors.powerError()) + (iPin > 0 ? Math.signum(hz) * errors.powerOffsetHz() : 0));
    }

    /** CF1 frequency with SEL on voltage, Hz. */
    public synchronized double voltageHz() {
        return Bl0937Scales.K_VOLTAGE * voltageV / frontEnd.dividerRatio() / frontEnd.vrefV() * (1 + errors.voltageError());
    }

    /** CF1 frequency with SEL on current, Hz. */
    public synchronized double currentHz() {
        double signal = Bl0937Scales.K_CURRENT * flowingCurrentA() * frontEnd.shuntOhms() / frontEnd.vrefV()
                * (1 + errors.currentError());
        return errors.offsetModel().combine(signal, errors.currentOffsetHz());
    }

    private synchronized void selChanged(boolean high) {
        boolean wantVoltage = high == selHighForVoltage;
        if (settling != null) {
            settling.cancel();
            settling = null;
        }
        if (wantVoltage == cf1Voltage) {
            return;
        }
        settling = clock.schedule(settleNanos, () -> settled(wantVoltage));
    }

    private synchronized void settled(boolean voltage) {
        settling = null;
        cf1Voltage = voltage;
        update();
    }

    private void update() {
        cfTrain.setFrequency(cfHz());
        cf1Train.setFrequency(cf1Voltage ? voltageHz() : currentHz());
    }
}
