package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.SettingSpec;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link StateSnapshot} as the {@code state} topic's JSON.
 *
 * <p>Exists so the rounding (what precision a reading honestly has) and the key names that Home Assistant's
 * templates read are defined once. Keys: voltage, current, power, apparentPower, reactivePower, powerFactor,
 * frequency, energy, energyToday, energyYesterday, runTime, relay, faults, protection, countdown, badFrames,
 * uptime, powerOnState, settings (object by setting name).
 */
public final class StateJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, SettingSpec> specs = new TreeMap<>();

    public StateJson(List<SettingSpec> settings) {
        settings.forEach(s -> specs.put(s.name(), s));
    }

    public String encode(StateSnapshot s) {
        ObjectNode o = JSON.createObjectNode();
        number(o, "voltage", s.voltage(), 1);
        number(o, "current", s.current(), 3);
        number(o, "power", s.power(), 1);
        number(o, "apparentPower", s.apparentPower(), 1);
        number(o, "reactivePower", s.reactivePower(), 1);
        number(o, "powerFactor", s.powerFactor(), 2);
        number(o, "frequency", s.frequency(), 2);
        number(o, "energy", s.energyKwh(), 3);
        number(o, "energyToday", s.energyTodayKwh(), 3);
        number(o, "energyYesterday", s.energyYesterdayKwh(), 3);
        o.put("runTime", s.runTimeSeconds());
        o.put("relay", s.relay());
        var faults = o.putArray("faults");
        s.faults().forEach(faults::add);
        o.put("protection", s.protection());
        o.put("countdown", s.countdownSeconds());
        o.put("badFrames", s.badFrames());
        o.put("uptime", s.uptimeSeconds());
        o.put("powerOnState", s.powerOnState());
        ObjectNode settings = o.putObject("settings");
        new TreeMap<>(s.settings()).forEach((name, value) -> {
            SettingSpec spec = specs.get(name);
            number(settings, name, value == null ? Double.NaN : value, spec == null ? 3 : decimals(spec.step()));
        });
        return o.toString();
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
        return Math.round(value * factor) / factor;
    }

    private static void number(ObjectNode o, String key, double value, int decimals) {
        if (Double.isFinite(value)) {
            o.put(key, round(value, decimals));
        } else {
            o.putNull(key);
        }
    }
}
