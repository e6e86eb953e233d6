package io.openkws.board;

import io.openkws.driver.pin.EdgeInputPin;
import io.openkws.driver.pin.OutputPin;

/**
 * A BL0937's lines as built from a board file: the CF and CF1 pulse outputs as timestamped edge inputs, the SEL
 * line as an output, and the SEL level at which CF1 carries voltage.
 *
 * <p>Exists so the BL0937 driver gets its lines from one place, on a Pi (Pi4J) or in the simulator, and so a
 * board's chip connection can be handed around and closed like a UART link. Closing releases nothing: the lines
 * belong to the GPIO context or to the simulated chip.
 */
public record Bl0937Lines(EdgeInputPin cf, EdgeInputPin cf1, OutputPin sel, boolean selHighForVoltage)
        implements AutoCloseable {

    @Override
    public void close() {
    }
}
