package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.SettingSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Home Assistant MQTT discovery messages of one device (all published retained).
 *
 * <p>Exists so Home Assistant users get every reading, the relay, the thresholds, the power-on policy, the reset
 * buttons and the fault flags as entities with the right classes and units (the energy dashboard needs
 * {@code total_increasing} kWh) without writing YAML, with stable unique ids so renaming survives restarts.
 */
public final class Discovery {

    /** One retained discovery message. */
    public record Message(String topic, String payload) {
    }

    public static final List<String> FAULTS = List.of("OVP", "UVP", "OCP", "OPP", "METER_LOST");
    public static final String MODEL = "KWS-302WF";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Topics topics;
    private final List<SettingSpec> settings;
    private final String swVersion;

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
        sensor(out, "run_time", "Run time", "duration", "s", "total_increasing", "runTime", null);
        sensor(out, "protection", "Protection", null, null, null, "protection", "diagnostic");
        sensor(out, "bad_frames", "Bad frames", null, null, "total_increasing", "badFrames", "diagnostic");
        sensor(out, "uptime", "Uptime", "duration", "s", null, "uptime", "diagnostic");

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
            String objectId = snake(spec.name());
            ObjectNode n = entity(objectId, label(spec.name()));
            n.put("command_topic", topics.set(spec.name()));
            n.put("state_topic", topics.state());
            n.put("value_template", "{{ value_json.settings." + spec.name() + " }}");
            n.put("min", spec.min());
            n.put("max", spec.max());
            n.put("step", spec.step());
            if (!spec.unit().isEmpty()) {
                n.put("unit_of_measurement", spec.unit());
            }
            n.put("mode", "box");
            n.put("entity_category", "config");
            out.add(message("number", objectId, n));
        }

        ObjectNode countdown = entity("countdown", "Countdown");
        countdown.put("command_topic", topics.set("countdown"));
        countdown.put("state_topic", topics.state());
        countdown.put("value_template", "{{ value_json.countdown }}");
        countdown.put("min", 0);
        countdown.put("max", CommandParser.MAX_COUNTDOWN_SECONDS);
        countdown.put("step", 1);
        countdown.put("unit_of_measurement", "s");
        countdown.put("mode", "box");
        out.add(message("number", "countdown", countdown));

        ObjectNode select = entity("power_on_state", "Power-on state");
        select.put("command_topic", topics.set("powerOnState"));
        select.put("state_topic", topics.state());
        select.put("value_template", "{{ value_json.powerOnState }}");
        var options = select.putArray("options");
        for (Command.Mode mode : Command.Mode.values()) {
            options.add(mode.wireName());
        }
        select.put("entity_category", "config");
        out.add(message("select", "power_on_state", select));

        button(out, "reset_energy", "Reset energy", "resetEnergy");
        button(out, "reset_lockout", "Reset lockout", "resetLockout");

        for (String fault : FAULTS) {
            String objectId = "fault_" + fault.toLowerCase(Locale.ROOT);
            ObjectNode b = entity(objectId, "Fault " + fault);
            b.put("device_class", "problem");
            b.put("state_topic", topics.state());
            b.put("value_template", "{{ 'ON' if '" + fault + "' in value_json.faults else 'OFF' }}");
            b.put("payload_on", "ON");
            b.put("payload_off", "OFF");
            out.add(message("binary_sensor", objectId, b));
        }
        return out;
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
        return e;
    }

    private Message message(String component, String objectId, ObjectNode payload) {
        return new Message(topics.discovery(component, objectId), payload.toString());
    }
}
