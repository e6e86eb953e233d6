package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.config.MqttConfig;
import io.openkws.protect.Alarm;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.protect.ProtectionEngine;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceView;
import io.openkws.time.SystemClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every discovery config against Home Assistant's MQTT discovery rules, and every {@code value_template} rendered
 * against {@code state} messages captured from a real broker.
 *
 * <p>The rules are those of Home Assistant's own schema code ({@code components/mqtt/*.py} discovery schemas,
 * {@code components/sensor/const.py} DEVICE_CLASS_UNITS and DEVICE_CLASS_STATE_CLASSES, {@code
 * components/number/const.py}), restricted to the device classes openkws uses: required topics per platform, units
 * per device class, state classes per device class, no unit or state class on an {@code enum} sensor and options only
 * there, entity categories a platform accepts (read-only platforms cannot be {@code config}), number ranges, select
 * and event options. The template evaluator understands exactly the subset the configs use ({@code value_json.a.b},
 * {@code 'X' if 'Y' in value_json.a else 'Z'}, {@code 'X' if value_json.a else 'Z'}) and fails on anything else, so a
 * new template form must be taught here first.
 */
class DiscoveryRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Set<String>> SENSOR_UNITS = Map.of(
            "voltage", Set.of("V", "mV", "µV", "kV", "MV"),
            "current", Set.of("A", "mA"),
            "power", Set.of("W", "kW", "MW", "GW", "TW", "mW", "BTU/h"),
            "apparent_power", Set.of("VA", "mVA", "kVA"),
            "reactive_power", Set.of("var", "mvar", "kvar"),
            "power_factor", Set.of("%", ""),
            "frequency", Set.of("Hz", "kHz", "MHz", "GHz"),
            "energy", Set.of("Wh", "kWh", "MWh", "GWh", "TWh", "mWh", "MJ", "GJ", "cal", "kcal", "Mcal", "Gcal"),
            "duration", Set.of("d", "h", "min", "s", "ms", "µs"),
            "enum", Set.of(""));
    private static final Map<String, Set<String>> SENSOR_STATE_CLASSES = Map.of(
            "voltage", Set.of("measurement"),
            "current", Set.of("measurement"),
            "power", Set.of("measurement"),
            "apparent_power", Set.of("measurement"),
            "reactive_power", Set.of("measurement"),
            "power_factor", Set.of("measurement"),
            "frequency", Set.of("measurement"),
            "energy", Set.of("total", "total_increasing"),
            "duration", Set.of("measurement", "total", "total_increasing"),
            "enum", Set.of());
    private static final Map<String, Set<String>> NUMBER_UNITS = Map.of(
            "voltage", SENSOR_UNITS.get("voltage"),
            "current", SENSOR_UNITS.get("current"),
            "power", SENSOR_UNITS.get("power"),
            "duration", SENSOR_UNITS.get("duration"));
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "sensor", List.of("state_topic"),
            "binary_sensor", List.of("state_topic"),
            "switch", List.of("command_topic"),
            "number", List.of("command_topic"),
            "select", List.of("command_topic", "options"),
            "button", List.of("command_topic"),
            "event", List.of("state_topic", "event_types"));
    private static final Set<String> READ_ONLY = Set.of("sensor", "binary_sensor", "event");
    private static final Set<String> BINARY_SENSOR_CLASSES = Set.of("problem");
    private static final Set<String> SWITCH_CLASSES = Set.of("outlet", "switch");
    private static final Set<String> STATE_CLASSES = Set.of("measurement", "total", "total_increasing");

    @Test
    void every_config_follows_home_assistants_schema_and_every_template_renders_against_captured_states()
            throws Exception {
        FakeDevice device = new FakeDevice();
        List<JsonNode> states = new ArrayList<>();
        Map<String, List<JsonNode>> events = new java.util.HashMap<>();
        List<Discovery.Message> configs;
        try (Mosquitto broker = new Mosquitto(false);
             Observer ha = new Observer(broker.url(), "ha", true, "openkws/r1/state", "openkws/r1/status",
                     "openkws/r1/event/trip", "openkws/r1/event/alarm")) {
            MqttFrontEnd front = MqttFrontEnd.start(device, MqttConfig.of(broker.url(), "r1").withInterval(60),
                    SystemClock.instance(), MqttFrontEndTest.FAST);
            try {
                configs = front.discoveryMessages();
                ha.await(r -> r.topic().endsWith("/status") && r.payload().equals("online"), "online");
                states.add(JSON.readTree(ha.await("openkws/r1/state").payload()));
                device.reading(null);
                device.faults(Set.of(Fault.METER_LOST), ProtectionEngine.State.TRIPPED);
                device.emit(new DeviceEvent.Changed(device.view()));
                states.add(JSON.readTree(ha.await("openkws/r1/state").payload()));
                device.reading(new DeviceView.Measurement(262, 16.2, 3800, 3900, 500, -0.5, 49.9, 0));
                device.faults(Set.of(Fault.OCP, Fault.OVP), ProtectionEngine.State.LOCKED_OUT);
                device.alarms(Set.of(Alarm.RELAY_WELDED, Alarm.COIL_FAILURE));
                device.relay(true);
                device.emit(new DeviceEvent.Changed(device.view()));
                states.add(JSON.readTree(ha.await("openkws/r1/state").payload()));
                device.emit(new DeviceEvent.Logged(new Event.Trip(1_000_000_000L, Fault.OVP, 262, 250)));
                device.emit(new DeviceEvent.Logged(new Event.Trip(2_000_000_000L, Fault.METER_LOST, Double.NaN, 5)));
                device.emit(new DeviceEvent.Logged(new Event.AlarmRaised(3_000_000_000L, Alarm.RELAY_WELDED, 3.1)));
                device.emit(new DeviceEvent.Logged(new Event.AlarmRaised(3_000_000_000L, Alarm.COIL_FAILURE,
                        Double.NaN)));
                device.emit(new DeviceEvent.Logged(new Event.AlarmCleared(4_000_000_000L, Alarm.RELAY_WELDED)));
                for (int i = 0; i < 5; i++) {
                    Observer.Received r = ha.await(m -> m.topic().contains("/event/"), "an event");
                    events.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(JSON.readTree(r.payload()));
                }
            } finally {
                front.close();
            }
        }
        assertTrue(states.size() >= 3, "captured states: " + states.size());
        assertEquals(5, events.values().stream().mapToInt(List::size).sum(), "captured events: " + events);

        Set<String> uniqueIds = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (Discovery.Message m : configs) {
            String[] levels = m.topic().split("/");
            assertEquals(5, levels.length, m.topic());
            assertEquals("config", levels[4], m.topic());
            String component = levels[1];
            kinds.add(component);
            JsonNode c = JSON.readTree(m.payload());
            String where = m.topic();
            checkCommon(c, where, uniqueIds);
            assertTrue(REQUIRED.containsKey(component), "unexpected platform " + component);
            for (String key : REQUIRED.get(component)) {
                assertTrue(c.hasNonNull(key), where + " lacks " + key);
            }
            if (c.has("entity_category")) {
                String category = c.get("entity_category").asText();
                assertTrue(READ_ONLY.contains(component) ? category.equals("diagnostic")
                        : Set.of("config", "diagnostic").contains(category), where + ": entity_category " + category);
            }
            switch (component) {
                case "sensor" -> checkSensor(c, where, states);
                case "binary_sensor" -> {
                    assertTrue(BINARY_SENSOR_CLASSES.contains(c.path("device_class").asText()), where);
                    for (JsonNode s : states) {
                        String v = render(c.get("value_template").asText(), s);
                        assertTrue(v.equals(c.get("payload_on").asText()) || v.equals(c.get("payload_off").asText()),
                                where + " renders " + v);
                    }
                }
                case "switch" -> {
                    assertTrue(SWITCH_CLASSES.contains(c.path("device_class").asText()), where);
                    for (JsonNode s : states) {
                        String v = render(c.get("value_template").asText(), s);
                        assertTrue(v.equals(c.get("state_on").asText()) || v.equals(c.get("state_off").asText()),
                                where + " renders " + v);
                    }
                }
                case "number" -> checkNumber(c, where, states);
                case "select" -> {
                    Set<String> options = texts(c.get("options"));
                    assertTrue(!options.isEmpty(), where);
                    for (JsonNode s : states) {
                        String v = render(c.get("value_template").asText(), s);
                        assertTrue(options.contains(v), where + " renders " + v + " not in " + options);
                    }
                }
                case "button" -> assertTrue(c.hasNonNull("payload_press"), where);
                case "event" -> {
                    Set<String> types = texts(c.get("event_types"));
                    assertTrue(!types.isEmpty(), where);
                    List<JsonNode> payloads = events.getOrDefault(c.get("state_topic").asText(), List.of());
                    assertTrue(!payloads.isEmpty(), where + ": no event captured on " + c.get("state_topic"));
                    for (JsonNode p : payloads) {
                        assertTrue(types.contains(p.path("event_type").asText()), where + ": " + p);
                    }
                }
                default -> fail("unexpected platform " + component);
            }
        }
        assertEquals(Set.of("sensor", "binary_sensor", "switch", "number", "select", "button", "event"), kinds);
    }

    private static void checkCommon(JsonNode c, String where, Set<String> uniqueIds) {
        assertTrue(c.hasNonNull("name"), where);
        assertTrue(uniqueIds.add(c.get("unique_id").asText()), where + ": duplicate unique_id");
        assertTrue(c.get("device").get("identifiers").size() > 0, where);
        assertTrue(c.get("o").hasNonNull("name"), where + ": origin needs a name");
        assertTrue(c.get("o").get("support_url").asText().startsWith("https://"), where);
        assertTrue(c.hasNonNull("availability_topic"), where);
    }

    private static void checkSensor(JsonNode c, String where, List<JsonNode> states) {
        String deviceClass = c.path("device_class").asText("");
        String unit = c.path("unit_of_measurement").asText("");
        String stateClass = c.path("state_class").asText("");
        if (!deviceClass.isEmpty()) {
            assertTrue(SENSOR_UNITS.containsKey(deviceClass), where + ": device class " + deviceClass);
            assertTrue(SENSOR_UNITS.get(deviceClass).contains(unit), where + ": unit '" + unit + "' for " + deviceClass);
            if (!stateClass.isEmpty()) {
                assertTrue(SENSOR_STATE_CLASSES.get(deviceClass).contains(stateClass),
                        where + ": state class " + stateClass + " for " + deviceClass);
            }
        } else if (!stateClass.isEmpty()) {
            assertTrue(STATE_CLASSES.contains(stateClass), where);
        }
        boolean isEnum = deviceClass.equals("enum");
        assertEquals(isEnum, c.has("options"), where + ": options go with device_class enum only");
        Set<String> options = isEnum ? texts(c.get("options")) : Set.of();
        if (isEnum) {
            assertTrue(!options.isEmpty() && unit.isEmpty() && stateClass.isEmpty(), where);
        }
        boolean numeric = !isEnum && (!unit.isEmpty() || !stateClass.isEmpty() || !deviceClass.isEmpty());
        for (JsonNode s : states) {
            String v = render(c.get("value_template").asText(), s);
            if (isEnum) {
                assertTrue(options.contains(v), where + " renders " + v + " not in " + options);
            } else if (numeric && !v.equals("None")) {
                Double.parseDouble(v);
            }
        }
    }

    private static void checkNumber(JsonNode c, String where, List<JsonNode> states) {
        double min = c.get("min").asDouble();
        double max = c.get("max").asDouble();
        double step = c.get("step").asDouble();
        assertTrue(min < max, where + ": min < max");
        assertTrue(step >= 0.001, where + ": step");
        assertTrue(Set.of("auto", "box", "slider").contains(c.path("mode").asText("auto")), where);
        String deviceClass = c.path("device_class").asText("");
        String unit = c.path("unit_of_measurement").asText("");
        if (!deviceClass.isEmpty()) {
            assertTrue(NUMBER_UNITS.containsKey(deviceClass), where + ": number device class " + deviceClass);
            assertTrue(NUMBER_UNITS.get(deviceClass).contains(unit), where + ": unit '" + unit + "'");
        }
        for (JsonNode s : states) {
            String v = render(c.get("value_template").asText(), s);
            double value = Double.parseDouble(v);
            assertTrue(value >= min && value <= max, where + ": " + v + " outside " + min + ".." + max);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static final Pattern WHOLE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");
    private static final Pattern PATH = Pattern.compile("value_json((?:\\.[A-Za-z_][A-Za-z0-9_]*)+)");
    private static final Pattern IF_IN = Pattern.compile(
            "'([^']*)' if '([^']*)' in (value_json(?:\\.[A-Za-z_][A-Za-z0-9_]*)+) else '([^']*)'");
    private static final Pattern IF = Pattern.compile(
            "'([^']*)' if (value_json(?:\\.[A-Za-z_][A-Za-z0-9_]*)+) else '([^']*)'");

    /** Renders the Jinja subset the configs use, as Home Assistant would print it; an undefined name fails. */
    static String render(String template, JsonNode valueJson) {
        Matcher whole = WHOLE.matcher(template.strip());
        if (!whole.matches()) {
            return fail("template outside the supported subset: " + template);
        }
        String expr = whole.group(1);
        Matcher m;
        if ((m = IF_IN.matcher(expr)).matches()) {
            JsonNode list = lookup(m.group(3), valueJson, template);
            boolean found = false;
            for (JsonNode item : list) {
                found |= item.asText().equals(m.group(2));
            }
            return found ? m.group(1) : m.group(4);
        }
        if ((m = IF.matcher(expr)).matches()) {
            JsonNode v = lookup(m.group(2), valueJson, template);
            boolean truthy = !(v.isNull() || (v.isBoolean() && !v.asBoolean()) || (v.isNumber() && v.asDouble() == 0)
                    || (v.isTextual() && v.asText().isEmpty()) || (v.isContainerNode() && v.isEmpty()));
            return truthy ? m.group(1) : m.group(3);
        }
        if ((m = PATH.matcher(expr)).matches()) {
            JsonNode v = lookup(expr, valueJson, template);
            if (v.isNull()) {
                return "None";
            }
            if (v.isBoolean()) {
                return v.asBoolean() ? "True" : "False";
            }
            return v.isTextual() ? v.asText() : v.toString();
        }
        return fail("template outside the supported subset: " + template);
    }

    private static JsonNode lookup(String path, JsonNode root, String template) {
        JsonNode node = root;
        for (String key : path.substring("value_json.".length()).split("\\.")) {
            if (!node.isObject() || !node.has(key)) {
                return fail("undefined: " + path + " in " + template + " for state " + root);
            }
            node = node.get(key);
        }
        return node;
    }

    @Test
    void the_evaluator_fails_on_an_undefined_name_and_renders_what_home_assistant_would() throws Exception {
        JsonNode s = JSON.readTree("{\"a\":{\"b\":1.5},\"f\":[\"OVP\"],\"n\":null,\"t\":true}");
        assertEquals("1.5", render("{{ value_json.a.b }}", s));
        assertEquals("None", render("{{ value_json.n }}", s));
        assertEquals("ON", render("{{ 'ON' if 'OVP' in value_json.f else 'OFF' }}", s));
        assertEquals("OFF", render("{{ 'ON' if 'UVP' in value_json.f else 'OFF' }}", s));
        assertEquals("ON", render("{{ 'ON' if value_json.t else 'OFF' }}", s));
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> render("{{ value_json.a.c }}", s));
        org.junit.jupiter.api.Assertions.assertThrows(org.opentest4j.AssertionFailedError.class,
                () -> render("{{ value_json.a.b | float }}", s));
    }
}
