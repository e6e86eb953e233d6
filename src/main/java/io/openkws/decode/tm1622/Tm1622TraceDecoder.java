package io.openkws.decode.tm1622;

import io.openkws.driver.tm1622.RamImage;
import io.openkws.driver.tm1622.RamImage.Position;
import io.openkws.io.sim.lcd.SimTm1622;
import io.openkws.io.sim.lcd.SimTm1622.CommandFrame;
import io.openkws.io.sim.lcd.SimTm1622.ReadFrame;
import io.openkws.io.sim.lcd.SimTm1622.WriteFrame;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a logic-analyser trace of the TM1622 bus (the CSV that {@code lcd trace} writes, read by
 * {@link EdgeTraceCsv}) into frames, command state and the RAM images over time, as text.
 *
 * <p>Exists so the TM1622 decoder sits with the HT7017 and TuyaMCU decoders and {@code decode tm1622} is only its
 * flags. The decoding is the simulated chip's ({@link SimTm1622}), written independently of the driver. Prints each
 * frame, each RAM image after a write (lit address/bit pairs, or a hex dump), optionally the bits that changed
 * since the previous image, and the protocol violations (the first 1000, then a count). The trace is replayed row
 * by row as it is read: a trace of any length decodes in constant memory.
 */
public final class Tm1622TraceDecoder {

    private Tm1622TraceDecoder() {
    }

    /**
     * Decodes {@code file} onto {@code out}: images as 64 hex digits when {@code hex}, else lit bits; with
     * {@code diff}, the changes between successive images. A malformed trace is refused as
     * {@link EdgeTraceCsv#replay} says.
     */
    public static void decode(Path file, boolean hex, boolean diff, PrintWriter out) {
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
