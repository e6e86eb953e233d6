package io.openkws.protect;

import io.openkws.UserInput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings saved at run time (device menu, MQTT) laid over the configured ones, validated once at start.
 *
 * <p>Exists so a saved setting that is no longer valid (out of range after an upgrade, inconsistent with a
 * changed config file, not a number, unknown) is warned about once and dropped from the saved state, instead of
 * being warned about at every start for ever; and so the start can say which effective settings come from the
 * saved state rather than the config file (saved ones win). Pure: no I/O, no logging.
 *
 * @param protection   the protection settings in force: configured, with the valid saved ones applied
 * @param powerOnState the power-on state in force
 * @param kept         the saved settings still valid, to keep in the saved state
 * @param warnings     one line per saved setting dropped, saying why
 */
public record SavedSettings(ProtectionSettings protection, PowerOnState powerOnState, Map<String, String> kept,
                            List<String> warnings) {

    /** The saved name of the power-on state. */
    public static final String POWER_ON_STATE = "powerOnState";

    public SavedSettings {
        kept = Map.copyOf(kept);
        warnings = List.copyOf(warnings);
    }

    /**
     * Lays {@code saved} over the configured settings. Protection settings must be in range and leave the
     * combination consistent; {@code powerOnState} must be off, on or memory; a name in {@code otherSpecs} (e.g.
     * the panel's screen timeout) must be a whole number in its range; any other name is unknown. Each saved
     * setting that fails is left out of {@link #kept()} with a warning.
     */
    public static SavedSettings apply(ProtectionSettings configured, PowerOnState configuredPowerOn,
                                      List<SettingSpec> otherSpecs, Map<String, String> saved) {
        Map<String, String> kept = new TreeMap<>();
        List<String> warnings = new ArrayList<>();
        Map<String, Double> protectionValues = new TreeMap<>();
        PowerOnState powerOn = configuredPowerOn;
        for (Map.Entry<String, String> e : new TreeMap<>(saved).entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            Optional<String> problem;
            Optional<SettingSpec> protectionSpec = ProtectionSettings.spec(name);
            if (protectionSpec.isPresent()) {
                Optional<Double> number = number(value);
                problem = number.isEmpty() ? Optional.of("not a number") : inRange(protectionSpec.get(), number.get());
                if (problem.isEmpty()) {
                    protectionValues.put(name, number.get());
                }
            } else if (name.equals(POWER_ON_STATE)) {
                Optional<PowerOnState> p = powerOnState(value);
                problem = p.isPresent() ? Optional.empty() : Optional.of("not off, on or memory");
                if (p.isPresent()) {
                    powerOn = p.get();
                }
            } else {
                Optional<SettingSpec> spec = otherSpecs.stream().filter(s -> s.name().equals(name)).findFirst();
                problem = spec.isEmpty() ? Optional.of("unknown setting")
                        : wholeInRange(spec.get(), value);
            }
            if (problem.isPresent()) {
                warnings.add(dropped(name, value, problem.get()));
            } else {
                kept.put(name, value);
            }
        }
        ProtectionSettings protection = configured;
        Map<String, Double> all = protection.toMap();
        all.putAll(protectionValues);
        ProtectionSettings together = ProtectionSettings.of(all);
        if (together.problem().isEmpty()) {
            protection = together;
        } else {
            for (Map.Entry<String, Double> e : protectionValues.entrySet()) {
                SettingResult r = protection.with(e.getKey(), e.getValue());
                if (r instanceof SettingResult.Applied(ProtectionSettings next)) {
                    protection = next;
                } else if (r instanceof SettingResult.Rejected(String error)) {
                    warnings.add(dropped(e.getKey(), kept.remove(e.getKey()), "inconsistent with the others ("
                            + error + ")"));
                }
            }
        }
        return new SavedSettings(protection, powerOn, kept, warnings);
    }

    /** Whether anything was dropped, so the cleaned saved state should be written soon. */
    public boolean droppedAny() {
        return !warnings.isEmpty();
    }

    /**
     * The start-up line saying which effective settings come from the saved state instead of the config file,
     * e.g. {@code settings saved at run time override the config file: overVoltage 245 (config file: 250),
     * powerOnState on (config file: memory)}; empty when nothing saved is in force. {@code configured} and
     * {@code saved} map names to values as text ({@link #configuredValues} gives the first).
     */
    public static Optional<String> provenance(Map<String, String> configured, Map<String, String> saved) {
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(saved).entrySet()) {
            String config = configured.get(e.getKey());
            String savedText = plain(e.getValue());
            String configText = config == null ? "not set" : plain(config);
            parts.add(e.getKey() + " " + savedText + (savedText.equals(configText) ? " (same as the config file)"
                    : " (config file: " + configText + ")"));
        }
        return Optional.of("settings saved at run time override the config file: " + String.join(", ", parts)
                + "; every other setting is from the config file");
    }

    /** The configured values as text by name: every protection setting, the power-on state and {@code others}. */
    public static Map<String, String> configuredValues(ProtectionSettings protection, PowerOnState powerOn,
                                                       Map<String, String> others) {
        Map<String, String> m = new LinkedHashMap<>();
        protection.toMap().forEach((name, value) -> m.put(name, ProtectionSettings.plain(value)));
        m.put(POWER_ON_STATE, powerOn.wire());
        m.putAll(others);
        return m;
    }

    private static Optional<String> inRange(SettingSpec spec, double value) {
        if (!spec.accepts(value)) {
            return Optional.of("out of range (" + ProtectionSettings.plain(spec.min()) + " to "
                    + ProtectionSettings.plain(spec.max()) + (spec.unit().isEmpty() ? "" : " " + spec.unit()) + ")");
        }
        if (ProtectionSettings.WHOLE.contains(spec.name()) && value != Math.rint(value)) {
            return Optional.of("not a whole number");
        }
        return Optional.empty();
    }

    private static Optional<Double> number(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> wholeInRange(SettingSpec spec, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            return spec.accepts(v) ? Optional.empty() : Optional.of("out of range (" + ProtectionSettings.plain(
                    spec.min()) + " to " + ProtectionSettings.plain(spec.max()) + ")");
        } catch (NumberFormatException e) {
            return Optional.of("not a whole number");
        }
    }

    private static Optional<PowerOnState> powerOnState(String value) {
        try {
            return Optional.of(PowerOnState.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String plain(String value) {
        try {
            return ProtectionSettings.plain(Double.parseDouble(value.trim()));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String dropped(String name, String value, String why) {
        return "saved setting " + UserInput.shown(name) + "=" + UserInput.shown(value) + " dropped: " + why
                + " (the config file's value applies)";
    }
}
