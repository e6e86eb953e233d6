package io.openkws.board;

import io.openkws.driver.pin.OutputPin;
import java.util.Optional;

/**
 * The TM1622's lines as built from a board file: CS, WR and DATA (idle high), the optional RD strobe, and the
 * bit-bang half-period. DATA is output only: reading the display RAM back (DATA as input) is not offered.
 *
 * <p>Exists so the TM1622 bus implementation gets its lines from one place, on a Pi or in the simulator.
 */
public record Tm1622Lines(OutputPin cs, OutputPin wr, OutputPin data, Optional<OutputPin> rd, long halfPeriodNanos) {
}
