package io.openkws.cli;

import io.openkws.decode.CaptureText;
import io.openkws.decode.DecodeProblem;
import io.openkws.decode.ht7017.CalibrationExtractor;
import io.openkws.decode.ht7017.Ht7017Output;
import io.openkws.decode.ht7017.Ht7017TrafficDecoder;
import io.openkws.decode.ht7017.Ht7017Transaction;
import io.openkws.decode.tuyamcu.TuyaFrame;
import io.openkws.decode.tuyamcu.TuyaMcuDecoder;
import io.openkws.decode.tuyamcu.TuyaMcuOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code openkws decode}: decoders for sniffed traffic, one subcommand per protocol.
 *
 * <p>Exists so users can read what the stock firmware does (TuyaMCU to the Wi-Fi module, commands to the HT7017)
 * before replacing it. Output rule shared by the subcommands: human output prints frames and problems in capture
 * order on stdout, problems marked with {@code !}; with {@code --json}, stdout holds only the JSON objects of
 * design.md (one a line, frames with a bad checksum included with {@code "checksumOk":false}), and problems
 * (garbage, truncated frames, unanswered or abandoned commands) go to stderr as {@code openkws: line N: ...}
 * lines. Bad frames never stop decoding; the exit code is 0 unless the input cannot be read. Captures are read and
 * decoded line by line, so a file of any size decodes in constant memory.
 */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode sniffed traffic (text captures: [seconds] [MCU>|WIFI>|CHIP>] hex bytes, # comments).",
        subcommands = {DecodeCommand.TuyaMcu.class, DecodeCommand.Ht7017.class, DecodeTm1622Command.class})
public final class DecodeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to decode: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** {@code openkws decode tuyamcu FILE [--json]}. */
    @Command(name = "tuyamcu", mixinStandardHelpOptions = true,
            description = {"Decode TuyaMCU frames (55 AA ...) between an MCU and its Wi-Fi module.",
                "Bad checksums and garbage are reported and skipped; the frames after them still decode."})
    static final class TuyaMcu implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Text capture.")
        Path file;

        @Option(names = "--json", description = "One JSON object per frame (problems go to stderr).")
        boolean json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            TuyaMcuDecoder decoder = new TuyaMcuDecoder(e -> {
                switch (e) {
                    case TuyaFrame f when json -> out.println(TuyaMcuOutput.json(f));
                    case TuyaFrame f -> TuyaMcuOutput.human(f).forEach(out::println);
                    case DecodeProblem p -> problem(p, json, out, err);
                    default -> throw new IllegalStateException("unexpected event " + e);
                }
            });
            CaptureText.forEach(file, decoder::accept);
            decoder.finish();
            out.flush();
            err.flush();
            return 0;
        }
    }

    /** {@code openkws decode ht7017 FILE [--json] [--extract-calibration OUT]}. */
    @Command(name = "ht7017", mixinStandardHelpOptions = true,
            description = {"Decode sniffed MCU <-> HT7017 traffic (4800 8E1): lines with MCU> or CHIP>.",
                "With timestamps, a gap over 20 ms between MCU bytes abandons a partial command, as the chip does."})
    static final class Ht7017 implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "FILE", description = "Text capture.")
        Path file;

        @Option(names = "--json", description = "One JSON object per transaction (problems go to stderr).")
        boolean json;

        @Option(names = "--extract-calibration", paramLabel = "OUT",
                description = "Write the calibration registers the MCU wrote (acknowledged writes to 0x40-0x7C)"
                        + " as a calibration profile.")
        Path calibrationOut;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            CalibrationExtractor.Collector calibration = new CalibrationExtractor.Collector();
            Ht7017TrafficDecoder decoder = new Ht7017TrafficDecoder(file.toString(), e -> {
                calibration.accept(e);
                switch (e) {
                    case Ht7017Transaction t when json -> out.println(Ht7017Output.json(t));
                    case Ht7017Transaction t -> out.println(Ht7017Output.human(t));
                    case DecodeProblem p -> problem(p, json, out, err);
                    default -> throw new IllegalStateException("unexpected event " + e);
                }
            });
            CaptureText.forEach(file, decoder::accept);
            decoder.finish();
            if (calibrationOut != null) {
                SortedMap<Integer, Integer> writes = calibration.writes();
                Path name = file.getFileName();
                CalibrationExtractor.write(calibrationOut, name == null ? file.toString() : name.toString(), writes);
                err.println("openkws: wrote " + writes.size() + " calibration register(s) to " + calibrationOut
                        + " (scales are KWS-303WF defaults: run ./openkws calibrate to refine them)");
            }
            out.flush();
            err.flush();
            return 0;
        }
    }

    private static void problem(DecodeProblem p, boolean json, PrintWriter out, PrintWriter err) {
        if (json) {
            err.println("openkws: " + p.describe());
        } else {
            out.println("! " + p.describe());
        }
    }
}
