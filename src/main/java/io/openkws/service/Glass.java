package io.openkws.service;

import io.openkws.driver.tm1622.RamImage;

/**
 * What the LCD shows now: the TM1622 RAM as the driver last wrote it, and the same drawn as SVG with the board's
 * segment map.
 *
 * <p>Exists so a remote front-end mirrors the real glass (blinking, messages, menu and all), not a re-rendering of
 * the readings that could disagree with it.
 *
 * @param ram the driver's RAM image (64 nibbles)
 * @param svg the image drawn with the board's segment map, lit and unlit segments
 */
public record Glass(RamImage ram, String svg) {

    /** The RAM as 64 hex digits, one per address (what remote front-ends compare and show). */
    public String ramHex() {
        return ram.hex();
    }
}
