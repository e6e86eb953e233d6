package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openkws.board.BoardSpec;

/**
 * The device on {@code board: sim-bl0937} (BL0937 pulse-train model, no LCD): the scenario of
 * {@link DeviceWithoutLcdTestBase}.
 */
class DeviceBl0937Test extends DeviceWithoutLcdTestBase {

    @Override
    String boardName() {
        return "sim-bl0937";
    }

    @Override
    BoardSpec.Chip chip() {
        return BoardSpec.Chip.BL0937;
    }

    @Override
    void checkReading(Controller.Status status) {
        assertEquals(230, status.reading().voltageV(), 230 * 0.005);
        assertEquals(3, status.reading().currentA(), 3 * 0.005);
        assertEquals(690, status.reading().powerW(), 690 * 0.005);
        assertEquals(0, status.badFrames(), "no delivery bursts in virtual time");
    }
}
