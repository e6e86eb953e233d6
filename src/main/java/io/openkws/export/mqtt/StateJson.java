package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionEngine;
import io.openkws.protect.SettingSpec;
import io.openkws.service.DeviceView;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link DeviceView} as the {@code state} topic's JSON.
 *
 * <p>Exists so the rounding (what precision a reading honestly has) and the key names that Home Assistant's
 * templates read are defined once. Keys: voltage, current, power, apparentPower, reactivePower, powerFactor,
 * frequency (null while there is no reading), energy, energyToday, energyYesterday, energyThisMonth,
 * energyLastMonth (kWh), runTime, relay ("on" while protection has the relay closed or its close decided, else
 * "off": what the Home Assistant switch shows, so the state right after {@code set/relay ON} already says "on"),
 * contacts ("closed"/"open": the contacts as tracked, which follow a few milliseconds later), faults, alarms,
 * protection (the engine state, lower case),
 * lockout (true while an overload is latched or locked out), countdown (the setting, s), countdownLeft (s),
 * badFrames, uptime, powerOnState, degraded (part → reason) and settings (every run-time setting by name, always
 * complete because a view always carries them).
 */
public final class StateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SettingSpec> specs = new TreeMap<>();

    public StateJson(List<SettingSpec> settings) {
        settings.forEach(s -> specs.put(s.name(), s));
    }

    /** The protection states as {@code state} spells them (the enum sensor's options). */
    public static List<String> protectionStates() {
        return java.util.Arrays.stream(ProtectionEngine.State.values()).map(StateJson::wire).toList();
    }

    /**
     * @param view          what to publish
     * @param energyKWh     the lifetime energy to publish (the exporter's monotonic guard may hold it above the
     *                      view's)
     * @param energyTodayKWh today's energy to publish, likewise
     */
    public String encode(DeviceView view, double energyKWh, double energyTodayKWh) {
        ObjectNode o = JSON.createObjectNode();
        DeviceView.Measurement r = view.reading();
        number(o, "voltage", r == null ? Double.NaN : r.voltageV(), 1);
        number(o, "current", r == null ? Double.NaN : r.currentA(), 3);
        number(o, "power", r == null ? Double.NaN : r.powerW(), 1);
        number(o, "apparentPower", r == null ? Double.NaN : r.apparentPowerVA(), 1);
        number(o, "reactivePower", r == null ? Double.NaN : r.reactivePowerVar(), 1);
        number(o, "powerFactor", r == null ? Double.NaN : r.powerFactor(), 2);
        number(o, "frequency", r == null ? Double.NaN : r.frequencyHz(), 2);
        DeviceView.Totals t = view.totals();
        number(o, "energy", energyKWh, 3);
        number(o, "energyToday", energyTodayKWh, 3);
        number(o, "energyYesterday", t.energyYesterdayKWh(), 3);
        number(o, "energyThisMonth", t.energyThisMonthKWh(), 3);
        number(o, "energyLastMonth", t.energyLastMonthKWh(), 3);
        o.put("runTime", t.runTimeSeconds());
        o.put("relay", view.protection() == ProtectionEngine.State.ON ? "on" : "off");
        o.put("contacts", view.relayClosed() ? "closed" : "open");
        var faults = o.putArray("faults");
        for (Fault f : Fault.values()) {
            if (view.faults().contains(f)) {
                faults.add(f.name());
            }
        }
        var alarms = o.putArray("alarms");
        for (Alarm a : Alarm.values()) {
            if (view.alarms().contains(a)) {
                alarms.add(a.name());
            }
        }
        o.put("protection", wire(view.protection()));
        o.put("lockout", view.protection() == ProtectionEngine.State.LATCHED
                || view.protection() == ProtectionEngine.State.LOCKED_OUT);
        o.put("countdown", Math.round(view.settings().get("countdown")));
        o.put("countdownLeft", view.countdownLeftSeconds());
        o.put("badFrames", view.badFrames());
        o.put("uptime", (long) view.uptimeSeconds());
        o.put("powerOnState", view.powerOnState().wire());
        ObjectNode degraded = o.putObject("degraded");
        new TreeMap<>(view.degraded()).forEach(degraded::put);
        ObjectNode settings = o.putObject("settings");
        view.settingValues().forEach((name, value) -> {
            SettingSpec spec = specs.get(name);
            number(settings, name, value == null ? Double.NaN : value, spec == null ? 3 : decimals(spec.step()));
        });
        return o.toString();
    }

    static String wire(ProtectionEngine.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Decimal places needed to show multiples of {@code step} (0.5 → 1, 0.01 → 2, 5 → 0), at most 6. */
    static int decimals(double step) {
        for (int d = 0; d < 6; d++) {
            double scaled = step * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-9) {
                return d;
            }
        }
        return 6;
    }

    static double round(double value, int decimals) {
        double factor = Math.pow(10, decimals);
        double rounded = Math.round(value * factor) / factor;
        return rounded == 0 ? 0.0 : rounded;
    }

    private static void number(ObjectNode o, String key, double value, int decimals) {
        if (Double.isFinite(value)) {
            o.put(key, round(value, decimals));
        } else {
            o.putNull(key);
        }
    }
}
