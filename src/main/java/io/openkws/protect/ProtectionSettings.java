package io.openkws.protect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every protection setting, with design.md's defaults ({@link #DEFAULTS}). A limit of 0 switches its fault off.
 *
 * <p>Exists as one immutable value so a run-time change (MQTT {@code set/<name>}, a menu) is applied atomically
 * with {@link #with(String, double)} and handed to {@link ProtectionEngine#settings(long, ProtectionSettings)}.
 * Each setting has a name (the MQTT/menu name) and a {@link SettingSpec}; {@link #SPECS} lists the ones users may
 * change at run time, {@link #ALL_SPECS} adds the ones only the config file sets.
 *
 * @param overVoltageV             OVP limit, volts (0 = off)
 * @param overVoltageDelaySeconds  OVP trip delay
 * @param overVoltageHysteresisV   healthy band upper edge is overVoltage − this
 * @param underVoltageV            UVP limit, volts (0 = off)
 * @param underVoltageDelaySeconds UVP trip delay
 * @param underVoltageHysteresisV  healthy band lower edge is underVoltage + this
 * @param overCurrentA             OCP limit, amps (0 = off)
 * @param overCurrentDelaySeconds  OCP trip delay (the timer also runs during inrush blanking)
 * @param instantFactor            OCP instant level = this × overCurrent, trips at once at any time
 * @param inrushBlankingSeconds    after each close, only the instant level trips for this long
 * @param overPowerW               OPP limit, watts (0 = off)
 * @param overPowerDelaySeconds    OPP trip delay
 * @param recoveryDelaySeconds     healthy voltage needed before a restore or power-on close
 * @param overloadRetries          automatic re-closes after OCP/OPP within 10 minutes before lockout (0 = latch)
 * @param overloadRetryDelaySeconds healthy voltage needed before a retry close
 * @param meterTimeoutSeconds      no valid reading for this long = METER_LOST
 * @param countdownSeconds         auto-off time (the stock "power-off time"): the relay is switched off this long
 *                                 after the user (or the power-on policy) switched it on; 0 = off
 */
public record ProtectionSettings(
        double overVoltageV, double overVoltageDelaySeconds, double overVoltageHysteresisV,
        double underVoltageV, double underVoltageDelaySeconds, double underVoltageHysteresisV,
        double overCurrentA, double overCurrentDelaySeconds, double instantFactor, double inrushBlankingSeconds,
        double overPowerW, double overPowerDelaySeconds,
        double recoveryDelaySeconds, int overloadRetries, double overloadRetryDelaySeconds,
        double meterTimeoutSeconds, double countdownSeconds) {

    /** design.md's defaults. */
    public static final ProtectionSettings DEFAULTS = new ProtectionSettings(
            250.0, 0.5, 5.0,
            180.0, 2.0, 5.0,
            0.0, 1.0, 2.0, 1.0,
            0.0, 5.0,
            30.0, 0, 30.0,
            5.0, 0.0);

    /** The settings users may change at run time (MQTT {@code set/<name>}, on-device menus). */
    public static final List<SettingSpec> SPECS = List.of(
            new SettingSpec("overVoltage", "V", 0, 400, 1),
            new SettingSpec("overVoltageDelay", "s", 0, 60, 0.1),
            new SettingSpec("underVoltage", "V", 0, 400, 1),
            new SettingSpec("underVoltageDelay", "s", 0, 60, 0.1),
            new SettingSpec("overCurrent", "A", 0, 100, 0.1),
            new SettingSpec("overCurrentDelay", "s", 0, 60, 0.1),
            new SettingSpec("overPower", "W", 0, 25000, 10),
            new SettingSpec("overPowerDelay", "s", 0, 600, 1),
            new SettingSpec("recoveryDelay", "s", 0, 3600, 1),
            new SettingSpec("overloadRetries", "", 0, 10, 1),
            new SettingSpec("overloadRetryDelay", "s", 0, 3600, 1),
            new SettingSpec("countdown", "s", 0, 604800, 60));

    /** {@link #SPECS} plus the settings only the config file sets. */
    public static final List<SettingSpec> ALL_SPECS = concat(SPECS, List.of(
            new SettingSpec("overVoltageHysteresis", "V", 0, 50, 1),
            new SettingSpec("underVoltageHysteresis", "V", 0, 50, 1),
            new SettingSpec("instantFactor", "", 1, 20, 0.1),
            new SettingSpec("inrushBlanking", "s", 0, 30, 0.1),
            new SettingSpec("meterTimeout", "s", 0.5, 600, 0.5)));

    /** Names that must be whole numbers. */
    static final List<String> WHOLE = List.of("overloadRetries");

    /** The spec of run-time setting {@code name} (one of {@link #SPECS}). */
    public static Optional<SettingSpec> spec(String name) {
        return SPECS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The spec of any setting {@code name} (one of {@link #ALL_SPECS}). */
    public static Optional<SettingSpec> anySpec(String name) {
        return ALL_SPECS.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every setting by name (the names of {@link #ALL_SPECS}), in that order. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("overVoltage", overVoltageV);
        m.put("overVoltageDelay", overVoltageDelaySeconds);
        m.put("underVoltage", underVoltageV);
        m.put("underVoltageDelay", underVoltageDelaySeconds);
        m.put("overCurrent", overCurrentA);
        m.put("overCurrentDelay", overCurrentDelaySeconds);
        m.put("overPower", overPowerW);
        m.put("overPowerDelay", overPowerDelaySeconds);
        m.put("recoveryDelay", recoveryDelaySeconds);
        m.put("overloadRetries", (double) overloadRetries);
        m.put("overloadRetryDelay", overloadRetryDelaySeconds);
        m.put("countdown", countdownSeconds);
        m.put("overVoltageHysteresis", overVoltageHysteresisV);
        m.put("underVoltageHysteresis", underVoltageHysteresisV);
        m.put("instantFactor", instantFactor);
        m.put("inrushBlanking", inrushBlankingSeconds);
        m.put("meterTimeout", meterTimeoutSeconds);
        return m;
    }

    /** The value of setting {@code name}; an unknown name is an {@link IllegalArgumentException}. */
    public double get(String name) {
        Double v = toMap().get(name);
        if (v == null) {
            throw new IllegalArgumentException("unknown setting " + name);
        }
        return v;
    }

    /**
     * Settings from a map of names to values; missing names take their {@link #DEFAULTS}. No range checks:
     * call {@link #problem()} or go through {@link #with(String, double)}.
     */
    public static ProtectionSettings of(Map<String, Double> values) {
        Map<String, Double> m = DEFAULTS.toMap();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (!m.containsKey(e.getKey())) {
                throw new IllegalArgumentException("unknown setting " + e.getKey());
            }
            m.put(e.getKey(), e.getValue());
        }
        return new ProtectionSettings(
                m.get("overVoltage"), m.get("overVoltageDelay"), m.get("overVoltageHysteresis"),
                m.get("underVoltage"), m.get("underVoltageDelay"), m.get("underVoltageHysteresis"),
                m.get("overCurrent"), m.get("overCurrentDelay"), m.get("instantFactor"), m.get("inrushBlanking"),
                m.get("overPower"), m.get("overPowerDelay"),
                m.get("recoveryDelay"), (int) Math.round(m.get("overloadRetries")), m.get("overloadRetryDelay"),
                m.get("meterTimeout"), m.get("countdown"));
    }

    /**
     * One run-time change: {@code name} must be one of {@link #SPECS} and {@code value} within its range (whole
     * for counts); the result must still be consistent ({@link #problem()}).
     */
    public SettingResult with(String name, double value) {
        Optional<SettingSpec> spec = spec(name);
        if (spec.isEmpty()) {
            return new SettingResult.Rejected("unknown setting '" + name + "'");
        }
        SettingSpec s = spec.get();
        if (!s.accepts(value)) {
            return new SettingResult.Rejected(s.outOfRange(value));
        }
        if (WHOLE.contains(name) && value != Math.rint(value)) {
            return new SettingResult.Rejected(name + ": " + Event.number(value) + " is not a whole number");
        }
        Map<String, Double> m = toMap();
        m.put(name, value);
        ProtectionSettings next = of(m);
        return next.problem().<SettingResult>map(p -> new SettingResult.Rejected(name + ": " + p))
                .orElse(new SettingResult.Applied(next));
    }

    /** What makes this combination unusable (range, or an empty healthy-voltage band), if anything. */
    public Optional<String> problem() {
        for (Map.Entry<String, Double> e : toMap().entrySet()) {
            SettingSpec s = anySpec(e.getKey()).orElseThrow();
            if (!s.accepts(e.getValue())) {
                return Optional.of(e.getKey() + " " + Event.number(e.getValue()) + " is out of range ("
                        + plain(s.min()) + " to " + plain(s.max()) + ")");
            }
        }
        if (overVoltageV > 0 && overVoltageV - overVoltageHysteresisV <= 0) {
            return Optional.of("overVoltage " + plain(overVoltageV) + " must be above its hysteresis "
                    + plain(overVoltageHysteresisV));
        }
        if (overVoltageV > 0 && underVoltageV > 0
                && underVoltageV + underVoltageHysteresisV > overVoltageV - overVoltageHysteresisV) {
            return Optional.of("no healthy voltage left: underVoltage + hysteresis (" + plain(underVoltageV
                    + underVoltageHysteresisV) + " V) is above overVoltage - hysteresis ("
                    + plain(overVoltageV - overVoltageHysteresisV) + " V)");
        }
        return Optional.empty();
    }

    /**
     * Healthy voltage: underVoltage + hysteresis ≤ V ≤ overVoltage − hysteresis. A side whose limit is 0 (off) has
     * no bound.
     */
    public boolean healthy(double voltageV) {
        boolean low = underVoltageV > 0 && voltageV < underVoltageV + underVoltageHysteresisV;
        boolean high = overVoltageV > 0 && voltageV > overVoltageV - overVoltageHysteresisV;
        return !low && !high && Double.isFinite(voltageV);
    }

    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<SettingSpec> concat(List<SettingSpec> a, List<SettingSpec> b) {
        java.util.ArrayList<SettingSpec> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
