package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.board.BoardSpec;

/** The device on {@code board: sim-bl0942} (BL0942 model, no LCD): the scenario of {@link DeviceWithoutLcdTestBase}. */
class DeviceBl0942Test extends DeviceWithoutLcdTestBase {

    @Override
    String boardName() {
        return "sim-bl0942";
    }

    @Override
    BoardSpec.Chip chip() {
        return BoardSpec.Chip.BL0942;
    }

    @Override
    void checkReading(Controller.Status status) {
        assertEquals(230, status.reading().voltageV(), 0.7);
        assertEquals(3, status.reading().currentA(), 0.01);
        assertEquals(690, status.reading().powerW(), 2.1);
    }
}
