package io.openkws.fuzz;

import static io.openkws.fuzz.FuzzHarness.survives;
import static io.openkws.fuzz.FuzzHarness.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openkws.decode.CaptureException;
import io.openkws.decode.tm1622.EdgeTraceCsv;
import io.openkws.io.sim.lcd.SimTm1622;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz target for the TM1622 logic-analyser trace reader and its replay into the simulated chip
 * ({@code decode tm1622}).
 *
 * <p>Exists because traces come from foreign tools: any file may only be decoded or refused with one
 * {@link CaptureException} line naming the file and line.
 */
class Tm1622TraceFuzzTest {

    private static final List<String> TOKENS = List.of("time,CS,WR,DATA", "time,CS,WR,DATA,RD", "\n", ",", "0", "1",
            "0.000001", "1e9", "1e-12", "-1", "9223372036.854775807", "# x", " ", "\r\n");

    @FuzzTest(maxDuration = "5m")
    void trace_decodes_or_names_the_line(byte[] input) {
        survives(input, CaptureException.class, () -> {
            List<String> lines = text(input).lines().toList();
            SimTm1622 chip = EdgeTraceCsv.replay(EdgeTraceCsv.parse(lines, "fuzz.csv"));
            chip.ram();
            chip.frames().forEach(Object::toString);
            chip.violations().forEach(v -> FuzzHarness.requireOneLine(v.toString(), input, null));
        });
    }

    @Property(tries = 3000, seed = "1622")
    void traces_explored(@ForAll("traces") byte[] input) {
        trace_decodes_or_names_the_line(input);
    }

    @Provide
    Arbitrary<byte[]> traces() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "trace_decodes_or_names_the_line"), TOKENS);
    }
}
