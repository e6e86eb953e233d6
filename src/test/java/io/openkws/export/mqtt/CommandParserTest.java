package io.openkws.export.mqtt;

import io.openkws.protect.PowerOnState;
import io.openkws.service.DeviceCommand;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CommandParserTest {

    private final CommandParser parser = new CommandParser(TestSettings.SPECS);

    private CommandParser.Result parse(String name, String payload) {
        return parser.parse(name, payload.getBytes(StandardCharsets.UTF_8));
    }

    private DeviceCommand parsed(String name, String payload) {
        return assertInstanceOf(CommandParser.Parsed.class, parse(name, payload)).command();
    }

    private String rejected(String name, String payload) {
        CommandParser.Rejected r = assertInstanceOf(CommandParser.Rejected.class, parse(name, payload));
        return r.error();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ON", "on", "On", " on\n", "1", "true", "TRUE"})
    void relay_on_words_close_the_relay(String payload) {
        assertEquals(new DeviceCommand.Relay(true), parsed("relay", payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OFF", "off", "0", "false"})
    void relay_off_words_open_the_relay(String payload) {
        assertEquals(new DeviceCommand.Relay(false), parsed("relay", payload));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "TOGGLE", "2", "onn", "{\"state\":\"ON\"}"})
    void anything_else_on_relay_is_rejected(String payload) {
        assertTrue(rejected("relay", payload).startsWith("expected ON or OFF"));
    }

    @Test
    void a_setting_inside_its_range_is_accepted_with_its_value() {
        assertEquals(new DeviceCommand.ChangeSetting("overVoltage", 252.5), parsed("overVoltage", "252.5"));
        assertEquals(new DeviceCommand.ChangeSetting("overVoltage", 0), parsed("overVoltage", "0"));
        assertEquals(new DeviceCommand.ChangeSetting("overVoltage", 300), parsed("overVoltage", " 300 "));
        assertEquals(new DeviceCommand.ChangeSetting("overCurrent", 0.5), parsed("overCurrent", ".5"));
        assertEquals(new DeviceCommand.ChangeSetting("overloadRetries", 3), parsed("overloadRetries", "+3"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "NaN", "Infinity", "-Infinity", "0x10", "0x1p3", "250d", "250f", "2.5e2",
        "1,5", "250 V", "--1", "."})
    void non_numeric_setting_values_are_rejected(String payload) {
        assertTrue(rejected("overVoltage", payload).startsWith("expected a number"), payload);
    }

    @Test
    void out_of_range_setting_values_are_rejected_with_the_allowed_range() {
        assertEquals("overVoltage: 300.5 is out of range (0 to 300 V)", rejected("overVoltage", "300.5"));
        assertEquals("overVoltage: -1.0 is out of range (0 to 300 V)", rejected("overVoltage", "-1"));
        assertEquals("overVoltageTripDelay: 0.05 is out of range (0.1 to 60 s)",
                rejected("overVoltageTripDelay", "0.05"));
        assertEquals("overloadRetries: 11.0 is out of range (0 to 10)", rejected("overloadRetries", "11"));
    }

    @Test
    void unknown_and_nested_names_are_rejected() {
        assertEquals("unknown command", rejected("overvoltage", "250"));
        assertEquals("unknown command", rejected("relay/extra", "ON"));
        assertEquals("unknown command", rejected("", "ON"));
        String longName = "x".repeat(1000);
        CommandParser.Result r = parse(longName, "1");
        assertEquals(65, r.name().length(), "an absurd name is shortened before being echoed");
    }

    @Test
    void an_oversized_payload_is_rejected_before_decoding() {
        byte[] big = new byte[CommandParser.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(big, (byte) 0xff);
        CommandParser.Rejected r = assertInstanceOf(CommandParser.Rejected.class, parser.parse("relay", big));
        assertEquals("payload too large: 257 bytes, at most 256", r.error());
        byte[] fits = new byte[CommandParser.MAX_PAYLOAD_BYTES];
        Arrays.fill(fits, (byte) ' ');
        fits[0] = '1';
        assertInstanceOf(CommandParser.Parsed.class, parser.parse("overVoltage", fits));
    }

    @Test
    void invalid_utf8_is_rejected() {
        CommandParser.Rejected r = assertInstanceOf(CommandParser.Rejected.class,
                parser.parse("relay", new byte[] {'O', (byte) 0xc3}));
        assertEquals("payload is not UTF-8 text", r.error());
    }

    @Test
    void power_on_state_takes_the_three_policies() {
        assertEquals(new DeviceCommand.SetPowerOnState(PowerOnState.MEMORY), parsed("powerOnState", "memory"));
        assertEquals(new DeviceCommand.SetPowerOnState(PowerOnState.ON), parsed("powerOnState", "ON"));
        assertEquals(new DeviceCommand.SetPowerOnState(PowerOnState.OFF), parsed("powerOnState", "off"));
        assertTrue(rejected("powerOnState", "toggle").startsWith("expected off, on or memory"));
    }

    @Test
    void countdown_takes_whole_seconds_up_to_the_engines_week() {
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 90), parsed("countdown", "90"));
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 0), parsed("countdown", "0"));
        assertEquals(new DeviceCommand.ChangeSetting("countdown", 604_800), parsed("countdown", "604800"));
        assertTrue(rejected("countdown", "604801").startsWith("out of range"));
        assertTrue(rejected("countdown", "1.5").startsWith("expected whole seconds"));
        assertTrue(rejected("countdown", "-1").startsWith("expected whole seconds"));
    }

    @Test
    void reset_buttons_accept_any_payload_but_an_empty_one() {
        assertEquals(new DeviceCommand.ResetEnergy(), parsed("resetEnergy", "PRESS"));
        assertEquals(new DeviceCommand.ResetLockout(), parsed("resetLockout", "whatever"));
        assertTrue(rejected("resetEnergy", "").startsWith("empty payload"), "an empty message clears a retained one");
        assertTrue(rejected("resetLockout", " ").startsWith("empty payload"));
    }

    @Test
    void the_command_names_are_the_fixed_commands_then_the_settings_less_countdown() {
        CommandParser real = new CommandParser(io.openkws.service.DeviceInfo.runTimeSettings());
        assertEquals("relay", real.commandNames().get(0));
        assertTrue(real.commandNames().contains("screenTimeout"));
        assertEquals(1, real.commandNames().stream().filter("countdown"::equals).count());
        assertEquals(new DeviceCommand.ChangeSetting("screenTimeout", 15), real.parse("screenTimeout",
                "15".getBytes(StandardCharsets.UTF_8)) instanceof CommandParser.Parsed p ? p.command() : null);
    }

    @Test
    void control_characters_in_a_bad_payload_are_not_echoed() {
        assertEquals("expected ON or OFF, got \"o?n\"", rejected("relay", "o\u0007n"));
    }

    @Test
    void settings_that_clash_with_fixed_commands_or_topic_syntax_are_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> new CommandParser(java.util.List.of(new io.openkws.protect.SettingSpec("relay", "", 0, 1, 1))));
        assertThrows(IllegalArgumentException.class,
                () -> new CommandParser(java.util.List.of(new io.openkws.protect.SettingSpec("a/b", "", 0, 1, 1))));
    }

    @Property(tries = 500)
    void any_name_and_payload_give_a_result_and_never_an_exception(@ForAll @Size(max = 80) String name,
            @ForAll @Size(max = 300) byte[] payload) {
        CommandParser.Result r = parser.parse(name, payload);
        assertNotNull(r.name());
        if (r instanceof CommandParser.Rejected rejected) {
            assertNotNull(rejected.error());
        }
    }

    @Property(tries = 300)
    void any_in_range_number_is_accepted_and_any_out_of_range_number_refused(
            @ForAll @DoubleRange(min = -100, max = 400) double value) {
        String text = java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.HALF_UP).toPlainString();
        boolean inRange = Double.parseDouble(text) >= 0 && Double.parseDouble(text) <= 300;
        CommandParser.Result r = parser.parse("overVoltage", text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(inRange, r instanceof CommandParser.Parsed, text);
    }
}
