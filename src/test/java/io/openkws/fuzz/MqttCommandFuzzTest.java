package io.openkws.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openkws.export.mqtt.CommandParser;
import io.openkws.protect.ProtectionSettings;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz target for the MQTT command parser, where bytes from the network meet the controller.
 *
 * <p>Exists to hold {@link CommandParser} to its contract for any topic level and payload: it never throws, it
 * answers Parsed or Rejected, and a rejection's error is one line (it goes into the {@code result} JSON and the
 * log). The parser is built from the run-time settings less {@code countdown}, which it handles itself. The
 * input is the topic level after {@code set/} up to the first newline, then the raw payload.
 */
class MqttCommandFuzzTest {

    private static final CommandParser PARSER = new CommandParser(ProtectionSettings.SPECS.stream()
            .filter(s -> !s.name().equals("countdown")).toList());

    private static final List<String> TOKENS = List.of("relay\n", "overVoltage\n", "countdown\n", "powerOnState\n",
            "resetEnergy\n", "ON", "OFF", "memory", "250.5", "-0", "1e3", "NaN", "+86400", "999999999", ".5",
            "\u0085", "\u2028", "\r", "\u00ff", "\t", "/");

    @FuzzTest(maxDuration = "5m")
    void any_command_is_parsed_or_rejected_in_one_line(byte[] input) {
        FuzzHarness.neverThrows(input, () -> {
            int nl = indexOf(input, (byte) '\n');
            String name = FuzzHarness.text(Arrays.copyOfRange(input, 0, nl < 0 ? input.length : nl));
            byte[] payload = nl < 0 ? new byte[0] : Arrays.copyOfRange(input, nl + 1, input.length);
            CommandParser.Result result = PARSER.parse(name, payload);
            assertNotNull(result);
            switch (result) {
                case CommandParser.Parsed p -> assertEquals(name, p.name());
                case CommandParser.Rejected r -> FuzzHarness.requireOneLine(r.error(), input, null);
            }
        });
    }

    @Property(tries = 5000, seed = "1883")
    void commands_explored(@ForAll("commands") byte[] input) {
        any_command_is_parsed_or_rejected_in_one_line(input);
    }

    @Provide
    Arbitrary<byte[]> commands() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "any_command_is_parsed_or_rejected_in_one_line"),
                TOKENS);
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
