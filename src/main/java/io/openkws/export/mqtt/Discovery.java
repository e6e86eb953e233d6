package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.protect.PowerOnState;
import io.openkws.protect.SettingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Home Assistant MQTT discovery messages of one device (all published retained).
 *
 * <p>Exists so Home Assistant users get every reading, the relay, the thresholds, the power-on policy, the reset
 * buttons, the fault, lockout and alarm flags and trip/alarm events as entities with the right classes and units
 * (the energy dashboard needs {@code total_increasing} kWh) without writing YAML, with stable unique ids so renaming
 * survives restarts. Every config follows Home Assistant's discovery schemas; {@code DiscoveryRulesTest} checks
 * them and renders every template against captured {@code state} messages.
 *
 * <p>State classes: {@code energy}, {@code energyToday} and {@code energyThisMonth} are {@code total_increasing}:
 * each only grows until it restarts from 0 (at a reset, at midnight, at the start of a month), and Home Assistant
 * reads exactly that drop as a new meter cycle, which is why the exporter never publishes a lower value otherwise.
 * {@code total} with {@code last_reset} would need the reset instant in every message for the same statistics.
 * {@code energyYesterday} and {@code energyLastMonth} are the closed totals of a past period: they change once per
 * period and may go down, so any total state class would count them again as consumption; they have none.
 */
public final class Discovery {

    /** One retained discovery message. */
    public record Message(String topic, String payload) {
    }

    public static final List<String> FAULTS = java.util.Arrays.stream(Fault.values()).map(Enum::name).toList();
    public static final List<String> ALARMS = java.util.Arrays.stream(Alarm.values()).map(Enum::name).toList();
    public static final String MODEL = "KWS-302WF";
    /** Where users of the discovered device find help (the origin block's {@code support_url}). */
    public static final String SUPPORT_URL = "https://github.com/openkws/openkws";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topics topics;
    private final List<SettingSpec> settings;
    private final String swVersion;

    /**
     * @param settings the run-time settings ({@code DeviceInfo.settings()}); each but {@code countdown} becomes a
     *                 config number, countdown gets its own number
     */
    public Discovery(Topics topics, List<SettingSpec> settings, String swVersion) {
        this.topics = topics;
        this.settings = List.copyOf(settings);
        this.swVersion = swVersion;
    }

    public List<Message> messages() {
        List<Message> out = new ArrayList<>();
        sensor(out, "voltage", "Voltage", "voltage", "V", "measurement", "voltage", null);
        sensor(out, "current", "Current", "current", "A", "measurement", "current", null);
        sensor(out, "power", "Power", "power", "W", "measurement", "power", null);
        sensor(out, "apparent_power", "Apparent power", "apparent_power", "VA", "measurement", "apparentPower", null);
        sensor(out, "reactive_power", "Reactive power", "reactive_power", "var", "measurement", "reactivePower", null);
        sensor(out, "power_factor", "Power factor", "power_factor", null, "measurement", "powerFactor", null);
        sensor(out, "frequency", "Frequency", "frequency", "Hz", "measurement", "frequency", null);
        sensor(out, "energy", "Energy", "energy", "kWh", "total_increasing", "energy", null);
        sensor(out, "energy_today", "Energy today", "energy", "kWh", "total_increasing", "energyToday", null);
        sensor(out, "energy_yesterday", "Energy yesterday", "energy", "kWh", null, "energyYesterday", null);
        sensor(out, "energy_this_month", "Energy this month", "energy", "kWh", "total_increasing", "energyThisMonth",
                null);
        sensor(out, "energy_last_month", "Energy last month", "energy", "kWh", null, "energyLastMonth", null);
        sensor(out, "run_time", "Run time", "duration", "s", "total_increasing", "runTime", null);
        sensor(out, "countdown_left", "Countdown left", "duration", "s", null, "countdownLeft", null);
        sensor(out, "bad_frames", "Bad frames", null, null, "total_increasing", "badFrames", "diagnostic");
        sensor(out, "uptime", "Uptime", "duration", "s", null, "uptime", "diagnostic");

        ObjectNode protection = entity("protection", "Protection");
        protection.put("state_topic", topics.state());
        protection.put("value_template", "{{ value_json.protection }}");
        protection.put("device_class", "enum");
        var states = protection.putArray("options");
        StateJson.protectionStates().forEach(states::add);
        protection.put("entity_category", "diagnostic");
        out.add(message("sensor", "protection", protection));

        ObjectNode relay = entity("relay", "Relay");
        relay.put("device_class", "outlet");
        relay.put("command_topic", topics.set("relay"));
        relay.put("state_topic", topics.state());
        relay.put("value_template", "{{ value_json.relay }}");
        relay.put("payload_on", "ON");
        relay.put("payload_off", "OFF");
        relay.put("state_on", "on");
        relay.put("state_off", "off");
        out.add(message("switch", "relay", relay));

        for (SettingSpec spec : settings) {
            if (spec.name().equals("countdown")) {
                continue;
            }
            String objectId = snake(spec.name());
            ObjectNode n = number(objectId, label(spec.name()), spec.name(), "{{ value_json.settings." + spec.name()
                    + " }}", spec.min(), spec.max(), spec.step(), spec.unit());
            n.put("entity_category", "config");
            out.add(message("number", objectId, n));
        }

        ObjectNode countdown = number("countdown", "Countdown", "countdown", "{{ value_json.countdown }}", 0,
                CommandParser.MAX_COUNTDOWN_SECONDS, 1, "s");
        out.add(message("number", "countdown", countdown));

        ObjectNode select = entity("power_on_state", "Power-on state");
        select.put("command_topic", topics.set("powerOnState"));
        select.put("state_topic", topics.state());
        select.put("value_template", "{{ value_json.powerOnState }}");
        var options = select.putArray("options");
        for (PowerOnState mode : PowerOnState.values()) {
            options.add(mode.wire());
        }
        select.put("entity_category", "config");
        out.add(message("select", "power_on_state", select));

        button(out, "reset_energy", "Reset energy", "resetEnergy");
        button(out, "reset_lockout", "Reset lockout", "resetLockout");

        for (String fault : FAULTS) {
            problem(out, "fault_" + fault.toLowerCase(Locale.ROOT), "Fault " + fault,
                    "{{ 'ON' if '" + fault + "' in value_json.faults else 'OFF' }}");
        }
        problem(out, "lockout", "Lockout", "{{ 'ON' if value_json.lockout else 'OFF' }}");
        for (String alarm : ALARMS) {
            problem(out, "alarm_" + alarm.toLowerCase(Locale.ROOT), "Alarm " + label(alarm.toLowerCase(Locale.ROOT)),
                    "{{ 'ON' if '" + alarm + "' in value_json.alarms else 'OFF' }}");
        }

        ObjectNode trips = entity("trip", "Trip");
        trips.put("state_topic", topics.tripEvent());
        var tripTypes = trips.putArray("event_types");
        FAULTS.forEach(f -> tripTypes.add(f.toLowerCase(Locale.ROOT)));
        out.add(message("event", "trip", trips));

        ObjectNode alarms = entity("alarm", "Alarm");
        alarms.put("state_topic", topics.alarmEvent());
        var alarmTypes = alarms.putArray("event_types");
        for (String alarm : ALARMS) {
            alarmTypes.add(alarm.toLowerCase(Locale.ROOT));
            alarmTypes.add(alarm.toLowerCase(Locale.ROOT) + "_cleared");
        }
        out.add(message("event", "alarm", alarms));
        return out;
    }

    /** Home Assistant's number device class for a setting's unit, or null (counts, factors). */
    static String numberDeviceClass(String unit) {
        return switch (unit) {
            case "V" -> "voltage";
            case "A" -> "current";
            case "W" -> "power";
            case "s", "min" -> "duration";
            default -> null;
        };
    }

    /** {@code overVoltage} → {@code over_voltage}. */
    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    /** {@code overVoltageTripDelay} → {@code Over voltage trip delay}. */
    static String label(String camel) {
        String words = snake(camel).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private void sensor(List<Message> out, String objectId, String name, String deviceClass, String unit,
            String stateClass, String stateKey, String category) {
        ObjectNode s = entity(objectId, name);
        s.put("state_topic", topics.state());
        s.put("value_template", "{{ value_json." + stateKey + " }}");
        if (deviceClass != null) {
            s.put("device_class", deviceClass);
        }
        if (unit != null) {
            s.put("unit_of_measurement", unit);
        }
        if (stateClass != null) {
            s.put("state_class", stateClass);
        }
        if (category != null) {
            s.put("entity_category", category);
        }
        out.add(message("sensor", objectId, s));
    }

    private ObjectNode number(String objectId, String name, String command, String template, double min, double max,
            double step, String unit) {
        ObjectNode n = entity(objectId, name);
        n.put("command_topic", topics.set(command));
        n.put("state_topic", topics.state());
        n.put("value_template", template);
        n.put("min", min);
        n.put("max", max);
        n.put("step", step);
        if (!unit.isEmpty()) {
            n.put("unit_of_measurement", unit);
        }
        String deviceClass = numberDeviceClass(unit);
        if (deviceClass != null) {
            n.put("device_class", deviceClass);
        }
        n.put("mode", "box");
        return n;
    }

    private void problem(List<Message> out, String objectId, String name, String template) {
        ObjectNode b = entity(objectId, name);
        b.put("device_class", "problem");
        b.put("state_topic", topics.state());
        b.put("value_template", template);
        b.put("payload_on", "ON");
        b.put("payload_off", "OFF");
        out.add(message("binary_sensor", objectId, b));
    }

    private void button(List<Message> out, String objectId, String name, String command) {
        ObjectNode b = entity(objectId, name);
        b.put("command_topic", topics.set(command));
        b.put("payload_press", "PRESS");
        b.put("entity_category", "config");
        out.add(message("button", objectId, b));
    }

    private ObjectNode entity(String objectId, String name) {
        ObjectNode e = JSON.createObjectNode();
        e.put("name", name);
        e.put("unique_id", "openkws_" + topics.deviceId() + "_" + objectId);
        e.put("availability_topic", topics.status());
        e.put("payload_available", "online");
        e.put("payload_not_available", "offline");
        ObjectNode device = e.putObject("device");
        device.putArray("identifiers").add("openkws_" + topics.deviceId());
        device.put("name", "openkws " + topics.deviceId());
        device.put("model", MODEL);
        device.put("manufacturer", "openkws");
        device.put("sw_version", swVersion);
        ObjectNode origin = e.putObject("o");
        origin.put("name", "openkws");
        origin.put("sw_version", swVersion);
        origin.put("support_url", SUPPORT_URL);
        return e;
    }

    private Message message(String component, String objectId, ObjectNode payload) {
        return new Message(topics.discovery(component, objectId), payload.toString());
    }
}
