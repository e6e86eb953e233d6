package io.openkws.fuzz;

import static io.openkws.fuzz.FuzzHarness.survives;
import static io.openkws.fuzz.FuzzHarness.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openkws.decode.CaptureException;
import io.openkws.decode.CaptureChunk;
import io.openkws.decode.CaptureText;
import io.openkws.decode.DecodeEvent;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.tuyamcu.TuyaFrame;
import io.openkws.decode.tuyamcu.TuyaMcuDecoder;
import io.openkws.decode.tuyamcu.TuyaMcuOutput;
import java.util.List;
import java.util.OptionalDouble;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz targets for the TuyaMCU decoder ({@code decode tuyamcu}): capture text, raw byte streams, and the data
 * point parser on its own.
 *
 * <p>Exists because the decoder's whole job is to survive what real sniffing produces: it may report problems,
 * and only the capture text parser may throw, a one-line {@link CaptureException}.
 */
class TuyaMcuFuzzTest {

    private static final List<String> TOKENS = List.of("55 AA", "55AA", "MCU>", "WIFI>", "\n", " ", "#", "00 07",
            "03 07", "00 08", "FF FF", "10 00", "01 01 00 01 01", "02 02 00 04", "12.5 ", "\r");

    @FuzzTest(maxDuration = "5m")
    void capture_text_decodes_or_names_the_line(byte[] input) {
        survives(input, CaptureException.class, () -> {
            List<CaptureChunk> chunks = CaptureText.parse("fuzz.txt", text(input));
            render(TuyaMcuDecoder.decode(chunks));
        });
    }

    @Property(tries = 3000, seed = "5501")
    void capture_text_explored(@ForAll("captures") byte[] input) {
        capture_text_decodes_or_names_the_line(input);
    }

    @Provide
    Arbitrary<byte[]> captures() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "capture_text_decodes_or_names_the_line"), TOKENS);
    }

    @FuzzTest(maxDuration = "5m")
    void byte_stream_decodes_without_throwing(byte[] input) {
        FuzzHarness.neverThrows(input, () -> render(TuyaMcuDecoder.decode(List.of(
                new CaptureChunk(1, OptionalDouble.empty(), null, input)))));
    }

    @Property(tries = 3000, seed = "5502")
    void byte_streams_explored(@ForAll("streams") byte[] input) {
        byte_stream_decodes_without_throwing(input);
    }

    @Provide
    Arbitrary<byte[]> streams() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "byte_stream_decodes_without_throwing"),
                List.of("\u0055", "\u0007", "\u0000"));
    }

    @FuzzTest(maxDuration = "5m")
    void data_points_parse_without_throwing(byte[] input) {
        FuzzHarness.neverThrows(input, () -> {
            TuyaMcuDecoder.DataPoints dps = TuyaMcuDecoder.parseDataPoints(input);
            dps.error().ifPresent(e -> FuzzHarness.requireOneLine(e, input, null));
        });
    }

    @Property(tries = 3000, seed = "5503")
    void data_points_explored(@ForAll("dataPoints") byte[] input) {
        data_points_parse_without_throwing(input);
    }

    @Provide
    Arbitrary<byte[]> dataPoints() {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), "data_points_parse_without_throwing"),
                List.of("\u0000", "\u0001", "\u0002", "\u0003", "\u0004", "\u0005"));
    }

    private static void render(List<DecodeEvent> events) {
        for (DecodeEvent e : events) {
            switch (e) {
                case TuyaFrame f -> {
                    FuzzHarness.requireOneLine(TuyaMcuOutput.json(f), new byte[0], null);
                    TuyaMcuOutput.human(f).forEach(line -> FuzzHarness.requireOneLine(line, new byte[0], null));
                }
                case DecodeProblem p -> FuzzHarness.requireOneLine(p.describe(), new byte[0], null);
                default -> throw new AssertionError("unexpected event " + e);
            }
        }
    }
}
