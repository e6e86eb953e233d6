package io.openkws.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the on-device UI shows or edits, as plain values handed over by the controller on every refresh.
 *
 * <p>Exists so {@link DeviceUi} depends on no meter, protection or relay class: the controller copies the
 * latest readings, engine state and settings into one immutable snapshot. Readings may be NaN when unknown
 * (shown as {@code ---}).
 *
 * @param voltageV                 RMS voltage
 * @param currentA                 RMS current
 * @param powerW                   active power
 * @param energyKWh                energy total
 * @param frequencyHz              mains frequency
 * @param powerFactor              power factor, −1..1
 * @param runTimeSeconds           run-time counter
 * @param relayOn                  whether the relay contacts are closed
 * @param fault                    the active fault: {@code OVP}, {@code UVP}, {@code OCP}, {@code OPP},
 *                                 {@code METER_LOST}, {@code LOCK} (lockout), an alarm ({@code RELAY_WELDED},
 *                                 {@code COIL_FAILURE}), or null for none
 * @param autoCloseSeconds         seconds left before the engine closes the relay by itself (recovery, power-on,
 *                                 retry); 0 = none pending
 * @param autoOffSeconds           seconds left on the user's power-off countdown; 0 = none running
 * @param settings                 current numeric settings by {@link io.openkws.protect.SettingSpec} name
 * @param powerOnState             {@code off}, {@code on} or {@code memory}
 * @param screenTimeoutMinutes     minutes without a button press before the panel blanks; 0 = never
 */
public record DisplayData(double voltageV, double currentA, double powerW, double energyKWh, double frequencyHz,
                          double powerFactor, double runTimeSeconds, boolean relayOn, String fault,
                          long autoCloseSeconds, long autoOffSeconds, Map<String, Double> settings,
                          String powerOnState, int screenTimeoutMinutes) {

    /** The fault names {@link #fault} accepts. */
    public static final Set<String> FAULTS = Set.of("OVP", "UVP", "OCP", "OPP", "METER_LOST", "LOCK", "RELAY_WELDED",
            "COIL_FAILURE");

    /** The values {@link #powerOnState} accepts, in menu order. */
    public static final List<String> POWER_ON_STATES = List.of("off", "on", "memory");

    public DisplayData {
        if (fault != null && !FAULTS.contains(fault)) {
            throw new IllegalArgumentException("unknown fault '" + fault + "' (expected one of " + FAULTS + ")");
        }
        if (!POWER_ON_STATES.contains(Objects.requireNonNull(powerOnState, "powerOnState"))) {
            throw new IllegalArgumentException("unknown powerOnState '" + powerOnState + "'");
        }
        if (autoCloseSeconds < 0 || autoOffSeconds < 0 || screenTimeoutMinutes < 0) {
            throw new IllegalArgumentException("countdowns and the screen timeout cannot be negative");
        }
        settings = Map.copyOf(settings);
    }

    /** A copy with another active fault (null = none). */
    public DisplayData withFault(String newFault) {
        return new DisplayData(voltageV, currentA, powerW, energyKWh, frequencyHz, powerFactor, runTimeSeconds,
                relayOn, newFault, autoCloseSeconds, autoOffSeconds, settings, powerOnState, screenTimeoutMinutes);
    }

    /** A copy with the relay closed or open. */
    public DisplayData withRelayOn(boolean on) {
        return new DisplayData(voltageV, currentA, powerW, energyKWh, frequencyHz, powerFactor, runTimeSeconds, on,
                fault, autoCloseSeconds, autoOffSeconds, settings, powerOnState, screenTimeoutMinutes);
    }

    /** A copy with another automatic-close countdown (seconds, 0 = none). */
    public DisplayData withAutoCloseSeconds(long seconds) {
        return new DisplayData(voltageV, currentA, powerW, energyKWh, frequencyHz, powerFactor, runTimeSeconds,
                relayOn, fault, seconds, autoOffSeconds, settings, powerOnState, screenTimeoutMinutes);
    }

    /** A copy with another auto-off countdown (seconds, 0 = none). */
    public DisplayData withAutoOffSeconds(long seconds) {
        return new DisplayData(voltageV, currentA, powerW, energyKWh, frequencyHz, powerFactor, runTimeSeconds,
                relayOn, fault, autoCloseSeconds, seconds, settings, powerOnState, screenTimeoutMinutes);
    }

    /** A copy with another screen timeout (minutes, 0 = never). */
    public DisplayData withScreenTimeoutMinutes(int minutes) {
        return new DisplayData(voltageV, currentA, powerW, energyKWh, frequencyHz, powerFactor, runTimeSeconds,
                relayOn, fault, autoCloseSeconds, autoOffSeconds, settings, powerOnState, minutes);
    }
}
