package io.openkws.cli;

import io.openkws.decode.tm1622.Tm1622TraceDecoder;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code openkws decode tm1622 FILE}: decodes a logic-analyser trace of the TM1622 bus (the CSV that
 * {@code lcd trace} writes) into frames, command state and the RAM images over time.
 *
 * <p>Exists to read what a stock PY32 (or openkws) sends to the display, e.g. to map segments by sniffing. The
 * decoding is {@link Tm1622TraceDecoder}'s; this class is only the flags. Prints each frame,
 * each RAM image after a write (lit address/bit pairs, or a hex dump with {@code --hex}), with {@code --diff} the
 * bits that changed since the previous image, and the protocol violations (the first 1000, then a count). The
 * trace is replayed row by row as it is read: a trace of any length decodes in constant memory. Exit 0 even with
 * violations.
 */
@Command(name = "tm1622", mixinStandardHelpOptions = true,
        description = "Decode a TM1622 bus trace (CSV time,CS,WR,DATA[,RD]) into frames and RAM images.")
public final class DecodeTm1622Command implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "CSV trace: header time,CS,WR,DATA")
    Path file;

    @Option(names = "--diff", description = "list the (address/bit) that changed between successive images")
    boolean diff;

    @Option(names = "--hex", description = "print images as 64 hex digits (address 0 first) instead of lit bits")
    boolean hex;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Tm1622TraceDecoder.decode(file, hex, diff, spec.commandLine().getOut());
        return 0;
    }
}
