package io.openkws.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.SettingSpec;
import io.openkws.service.DeviceInfo;
import io.openkws.service.DeviceView;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The console's JSON: the device view with the same key names as MQTT {@code state}, the device facts with each
 * setting's unit, range and step, and history rows.
 *
 * <p>Exists so the page, {@code curl} users and MQTT subscribers read the same names, and so the mapping from the
 * service's records to JSON is written once.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode view(DeviceView v) {
        ObjectNode o = MAPPER.createObjectNode();
        DeviceView.Measurement r = v.reading();
        number(o, "voltage", r == null ? Double.NaN : r.voltageV());
        number(o, "current", r == null ? Double.NaN : r.currentA());
        number(o, "power", r == null ? Double.NaN : r.powerW());
        number(o, "apparentPower", r == null ? Double.NaN : r.apparentPowerVA());
        number(o, "reactivePower", r == null ? Double.NaN : r.reactivePowerVar());
        number(o, "powerFactor", r == null ? Double.NaN : r.powerFactor());
        number(o, "frequency", r == null ? Double.NaN : r.frequencyHz());
        DeviceView.Totals t = v.totals();
        number(o, "energy", t.energyKWh());
        number(o, "energyToday", t.energyTodayKWh());
        number(o, "energyYesterday", t.energyYesterdayKWh());
        number(o, "energyThisMonth", t.energyThisMonthKWh());
        number(o, "energyLastMonth", t.energyLastMonthKWh());
        o.put("runTime", t.runTimeSeconds());
        number(o, "uptime", v.uptimeSeconds());
        o.put("countdown", v.countdownLeftSeconds());
        o.put("recovery", v.recoveryLeftSeconds());
        o.put("relay", v.relayClosed() ? "on" : "off");
        o.put("desiredOn", v.desiredOn());
        ArrayNode faults = o.putArray("faults");
        new TreeSet<>(v.faults()).forEach(f -> faults.add(f.name()));
        ArrayNode alarms = o.putArray("alarms");
        new TreeSet<>(v.alarms()).forEach(a -> alarms.add(a.name()));
        o.put("protection", v.protection().name());
        o.put("badFrames", v.badFrames());
        o.put("meterRunning", v.meterRunning());
        o.put("powerOnState", v.powerOnState().wire());
        o.put("network", v.network().name().toLowerCase(Locale.ROOT));
        ObjectNode settings = o.putObject("settings");
        v.settingValues().forEach((name, value) -> number(settings, name, value));
        ObjectNode degraded = o.putObject("degraded");
        new java.util.TreeMap<>(v.degraded()).forEach(degraded::put);
        return o;
    }

    static ObjectNode info(DeviceInfo info) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", info.version());
        o.put("board", info.board());
        o.put("chip", info.chip());
        o.put("calibrationProfile", info.calibrationProfile());
        o.put("hasPanel", info.hasPanel());
        ArrayNode settings = o.putArray("settings");
        for (SettingSpec s : info.settings()) {
            settings.addObject().put("name", s.name()).put("unit", s.unit()).put("min", s.min()).put("max", s.max())
                    .put("step", s.step());
        }
        ArrayNode faults = o.putArray("faultNames");
        for (Fault f : Fault.values()) {
            faults.add(f.name());
        }
        ArrayNode alarms = o.putArray("alarmNames");
        for (Alarm a : Alarm.values()) {
            alarms.add(a.name());
        }
        return o;
    }

    static ObjectNode historyRow(HistorySource.Row row) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("start", row.start().toString());
        o.put("t", row.start().getEpochSecond());
        number(o, "energy", row.energyKWh());
        number(o, "voltageMin", row.voltageMinV());
        number(o, "voltageAvg", row.voltageAvgV());
        number(o, "voltageMax", row.voltageMaxV());
        number(o, "powerMax", row.powerMaxW());
        number(o, "relayClosedMinutes", row.relayClosedMinutes());
        return o;
    }

    /** {@code {"command":..,"ok":..[,"error":..]}}, as the MQTT {@code result} topic answers. */
    static ObjectNode result(String command, boolean ok, String error) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("command", command);
        o.put("ok", ok);
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }

    static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("ok", false).put("error", message);
    }

    private static void number(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }
}
