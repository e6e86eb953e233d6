package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.driver.bl0942.Bl0942Frames;
import io.openkws.io.sim.bl0942.Bl0942FrontEnd;
import io.openkws.io.sim.bl0942.Bl0942Sim;
import io.openkws.io.sim.uart.PtyUartServer;
import io.openkws.time.SystemClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code openkws read --chip bl0942} against the simulated BL0942 on a pseudo-terminal. */
class ReadBl0942CommandTest {

    private final Bl0942Sim sim = new Bl0942Sim(SystemClock.instance(), Bl0942FrontEnd.referenceDesign(), 100_000_000L, 5);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private static void assertWithin(double expected, JsonNode value, double relative) {
        assertTrue(value.isNumber(), "number expected: " + value);
        assertEquals(expected, value.asDouble(), Math.abs(expected) * relative, () -> "expected " + expected + " got " + value);
    }

    @Test
    void json_readings_print_the_datasheet_register_names_and_the_calibrated_values() throws Exception {
        sim.setVoltageV(236.4);
        sim.setCurrentA(7.5);
        sim.setPowerFactor(0.9);
        sim.setFrequencyHz(50.02);
        try (PtyUartServer server = PtyUartServer.start(sim, Bl0942Frames.byteNanos(4800), "bl0942")) {
            assertEquals(0, run("read", "--chip", "bl0942", "--port", server.path(), "--count", "2", "--interval", "0.2",
                    "--json", "--calibration", "hardware/sim-bl0942/calibration.yaml"), err::toString);
        }
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = out.toString().lines().toList();
        assertEquals(2, lines.size(), out::toString);
        for (String l : lines) {
            JsonNode line = mapper.readTree(l);
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = line.get("raw").fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            assertEquals(List.of("I_RMS", "V_RMS", "I_FAST_RMS", "WATT", "CF_CNT", "FREQ"), keys);
            List<String> top = new ArrayList<>();
            line.fieldNames().forEachRemaining(top::add);
            assertEquals(List.of("t", "raw", "voltage", "current", "power", "apparentPower", "reactivePower", "powerFactor",
                    "frequency", "energy"), top, "the same calibrated keys as for the HT7017");
            assertWithin(236.4, line.get("voltage"), 0.003);
            assertWithin(7.5, line.get("current"), 0.003);
            assertWithin(236.4 * 7.5 * 0.9, line.get("power"), 0.003);
            assertWithin(0.9, line.get("powerFactor"), 0.003);
            assertWithin(50.02, line.get("frequency"), 0.003);
        }
        assertEquals("", err.toString());
    }

    @Test
    void an_unknown_chip_and_a_rate_the_chip_lacks_are_one_line_user_errors() {
        assertEquals(2, run("read", "--chip", "hlw8012", "--port", "/dev/null"));
        assertTrue(err.toString().contains("--chip must be ht7017 or bl0942"), err::toString);
        assertEquals(2, run("read", "--chip", "bl0942", "--baud", "1200", "--port", "/dev/null"));
        assertTrue(err.toString().contains("--baud must be 4800, 9600, 19200 or 38400"), err::toString);
        assertEquals(2, err.toString().lines().count(), err::toString);
    }
}
