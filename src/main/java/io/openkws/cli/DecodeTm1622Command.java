package io.openkws.cli;

import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.RamImage.Position;
import io.openkws.io.sim.lcd.EdgeTraceCsv;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.io.sim.lcd.SimTm1622.CommandFrame;
import io.openkws.io.sim.lcd.SimTm1622.ReadFrame;
import io.openkws.io.sim.lcd.SimTm1622.WriteFrame;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * decoding is the simulated chip's ({@link SimTm1622}), written independently of the driver. Prints each frame,
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
        PrintWriter out = spec.commandLine().getOut();
        long[] frames = {0};
        int[] images = {0};
        RamImage[] previous = {null};
        SimTm1622 chip = SimTm1622.decoding(frame -> {
            frames[0]++;
            String time = seconds(frame.startNanos());
            switch (frame) {
                case CommandFrame c -> out.println(time + " command " + String.join(", ",
                        c.codes().stream().map(SimTm1622::commandName).toList()));
                case ReadFrame r -> out.println(time + " read from " + r.startAddress() + ": " + r.bitsRead()
                        + " bits");
                case WriteFrame w -> {
                    out.println(time + " write from " + w.startAddress() + ": " + w.nibbles().size() + " nibbles");
                    images[0]++;
                    RamImage image = w.ramAfter();
                    out.println("  image " + images[0] + ": " + (hex ? image.hex() : lit(image)));
                    if (diff && previous[0] != null) {
                        out.println("  changed: " + changes(previous[0], image));
                    }
                    previous[0] = image;
                }
            }
        });
        EdgeTraceCsv.replay(file, chip);
        for (SimTm1622.Violation violation : chip.violations()) {
            out.println("violation at " + violation);
        }
        long unlisted = chip.violationCount() - chip.violations().size();
        if (unlisted > 0) {
            out.println("... and " + unlisted + " more violations (only the first " + chip.violations().size()
                    + " are listed)");
        }
        out.println(frames[0] + " frames, " + images[0] + " images, " + chip.violationCount()
                + " violations; at the end: " + (chip.sysEnabled() ? "SYS EN" : "SYS DIS") + ", "
                + (chip.lcdOn() ? "LCD ON" : "LCD OFF"));
        out.flush();
        return 0;
    }

    private static String lit(RamImage image) {
        List<Position> lit = image.litPositions();
        return lit.isEmpty() ? "(all off)" : String.join(" ", lit.stream().map(Position::toString).toList());
    }

    private static String changes(RamImage before, RamImage after) {
        List<String> changed = new ArrayList<>();
        for (int a = 0; a < RamImage.ADDRESSES; a++) {
            for (int b = 0; b < RamImage.BITS; b++) {
                if (before.bit(a, b) != after.bit(a, b)) {
                    changed.add((after.bit(a, b) ? "+" : "-") + a + "/" + b);
                }
            }
        }
        return changed.isEmpty() ? "nothing" : String.join(" ", changed);
    }

    private static String seconds(long nanos) {
        return String.format("%d.%09d", nanos / 1_000_000_000L, nanos % 1_000_000_000L);
    }
}
