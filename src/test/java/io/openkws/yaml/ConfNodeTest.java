package io.openkws.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConfNodeTest {

    private static final String TEXT = """
            protection:
              overVoltage: { limit: 250.0, tripDelay: 0.5 }
            relay:
              powerOnState: on
            memory: off
            name: ~
            """;

    @Test
    void values_are_read_with_defaults_and_ranges() {
        ConfNode root = ConfNode.parse("c.yaml", TEXT);
        assertEquals(250.0, root.section("protection").section("overVoltage").number("limit", 0, 0, 400));
        assertEquals(2.0, root.section("protection").section("underVoltage").number("tripDelay", 2.0, 0, 60));
        assertEquals("on", root.section("relay").choice("powerOnState", "memory", "off", "on", "memory"));
        assertEquals(false, root.onOff("memory", true));
        assertEquals("dflt", root.string("name", "dflt"));
    }

    @Test
    void an_out_of_range_value_names_file_line_key_and_range() {
        ConfNode root = ConfNode.parse("c.yaml", TEXT);
        ConfigException e = assertThrows(ConfigException.class,
                () -> root.section("protection").section("overVoltage").number("limit", 0, 0, 200));
        assertEquals("c.yaml:2: protection.overVoltage.limit: 250.0 is out of range (0 to 200)", e.getMessage());
    }

    @Test
    void an_unknown_key_is_rejected_with_its_path() {
        ConfNode root = ConfNode.parse("c.yaml", "relay:\n  powerOnStat: on\n");
        ConfigException e = assertThrows(ConfigException.class, () -> root.section("relay").allowOnly("powerOnState"));
        assertTrue(e.getMessage().startsWith("c.yaml:2: relay.powerOnStat: unknown key"), e.getMessage());
    }

    @Test
    void malformed_yaml_is_one_line_with_its_line_number() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfNode.parse("c.yaml", "a: [1, 2\nb: 3\n"));
        assertTrue(e.getMessage().startsWith("c.yaml:"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"));
    }
}
