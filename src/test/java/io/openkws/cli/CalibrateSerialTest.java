package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.io.sim.ht7017.Ht7017Sim;
import io.openkws.io.sim.ht7017.PtyHt7017Server;
import io.openkws.meter.calibration.CalibrationSession;
import io.openkws.meter.calibration.Sampler;
import io.openkws.time.SystemClock;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The real path: {@code calibrate} and then {@code read --calibration} through jSerialComm to the simulated chip
 * on a pseudo-terminal, in real time, against a front-end whose readings are a few percent off.
 */
class CalibrateSerialTest {

    @TempDir
    Path tmp;

    @Test
    void one_point_calibration_over_the_serial_port_reads_another_point_within_0_3_percent() throws Exception {
        FrontEnd fe = FrontEnd.load(Path.of("hardware/kws302wf/frontends/shunt.yaml"))
                .withErrors(0.03, -0.04, 0.025, Math.toRadians(2)).withNoise(0.0005);
        Ht7017Sim sim = new Ht7017Sim(SystemClock.instance(), fe);
        sim.setVoltageV(230);
        sim.setCurrentA(5);
        sim.setFrequencyHz(50);
        Path file = tmp.resolve("cal.yaml");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (PtyHt7017Server server = PtyHt7017Server.start(sim)) {
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            CalibrateCommand cmd = (CalibrateCommand) cli.getSubcommands().get("calibrate").getCommand();
            cmd.in = InputStream.nullInputStream();
            cmd.sessionOptions = new CalibrationSession.Options(
                    new Sampler.Options(4, 110_000_000L, 0.01, 10_000_000_000L), 250_000_000L, 6);
            assertEquals(0, cli.execute("calibrate", "--port", server.path(), "--voltage", "230", "--current", "5",
                    "--power", "1150", "--out", file.toString()), err::toString);
            assertTrue(out.toString().contains("Wrote " + file), out::toString);

            sim.setVoltageV(207.5);
            sim.setCurrentA(9.2);
            StringWriter readOut = new StringWriter();
            CommandLine read = Main.commandLine();
            read.setOut(new PrintWriter(readOut, true));
            read.setErr(new PrintWriter(err, true));
            assertEquals(0, read.execute("read", "--port", server.path(), "--calibration", file.toString(), "--json",
                    "--count", "2", "--interval", "0.2"), err::toString);
            ObjectMapper mapper = new ObjectMapper();
            List<String> lines = readOut.toString().lines().toList();
            assertEquals(2, lines.size(), readOut::toString);
            for (String l : lines) {
                JsonNode j = mapper.readTree(l);
                assertEquals(207.5, j.get("voltage").asDouble(), 207.5 * 0.003, l);
                assertEquals(9.2, j.get("current").asDouble(), 9.2 * 0.003, l);
                assertEquals(207.5 * 9.2, j.get("power").asDouble(), 207.5 * 9.2 * 0.003, l);
            }
        }
    }
}
