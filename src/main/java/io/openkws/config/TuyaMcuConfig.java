package io.openkws.config;

import java.util.List;
import java.util.Optional;

/**
 * The {@code tuyamcu} section: the UART to the meter's TuyaMCU WiFi module, and what openkws tells the module it is.
 *
 * <p>Exists so the bridge gets settings already known to be usable. Without a {@code port} the bridge is off. The
 * defaults are what the stock KWS-302WF MCU answers, so the module, the Smart Life app and OpenBeken see the same
 * product as before.
 *
 * @param port       the serial device, e.g. {@code /dev/ttyAMA1}; empty = bridge off
 * @param baud       line speed, 8N1 (the stock link runs at 115200)
 * @param productKey the Tuya product id answered to the module's product query
 * @param version    the MCU firmware version answered with it
 */
public record TuyaMcuConfig(Optional<String> port, int baud, String productKey, String version) {

    /** The KWS-302WF's Tuya product id. */
    public static final String STOCK_PRODUCT_KEY = "tadm13agjigbdtxd";
    /** The stock MCU firmware version the capture shows. */
    public static final String STOCK_VERSION = "0.2.1";
    /** The stock link speed. */
    public static final int STOCK_BAUD = 115200;
    /** Line speeds Tuya modules use. */
    public static final List<Integer> BAUDS = List.of(9600, 19200, 38400, 57600, 115200);
    /** No bridge. */
    public static final TuyaMcuConfig OFF = new TuyaMcuConfig(Optional.empty(), STOCK_BAUD, STOCK_PRODUCT_KEY,
            STOCK_VERSION);

    /** Whether a port is configured. */
    public boolean enabled() {
        return port.isPresent();
    }
}
