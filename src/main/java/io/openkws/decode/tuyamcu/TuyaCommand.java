package io.openkws.decode.tuyamcu;

import java.util.Map;

/**
 * Names of the TuyaMCU command bytes of Tuya's Wi-Fi general serial protocol.
 *
 * <p>Exists so the decoder prints "status report" instead of 0x07. Unknown commands are shown by number.
 */
public final class TuyaCommand {

    public static final int HEARTBEAT = 0x00;
    public static final int PRODUCT_INFO = 0x01;
    public static final int WORKING_MODE = 0x02;
    public static final int NETWORK_STATUS = 0x03;
    public static final int SEND_COMMAND = 0x06;
    public static final int STATUS_REPORT = 0x07;
    public static final int QUERY_STATUS = 0x08;
    public static final int OTA_START = 0x0A;
    public static final int OTA_PACKAGE = 0x0B;
    public static final int LOCAL_TIME = 0x1C;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(HEARTBEAT, "heartbeat"),
            Map.entry(PRODUCT_INFO, "product information"),
            Map.entry(WORKING_MODE, "working mode"),
            Map.entry(NETWORK_STATUS, "network status"),
            Map.entry(0x04, "reset Wi-Fi"),
            Map.entry(0x05, "reset Wi-Fi, select pairing mode"),
            Map.entry(SEND_COMMAND, "send command"),
            Map.entry(STATUS_REPORT, "status report"),
            Map.entry(QUERY_STATUS, "query status"),
            Map.entry(OTA_START, "start OTA update"),
            Map.entry(OTA_PACKAGE, "OTA update package"),
            Map.entry(0x0C, "get GMT time"),
            Map.entry(0x0E, "Wi-Fi test (scan router)"),
            Map.entry(0x0F, "get module memory"),
            Map.entry(LOCAL_TIME, "get local time"),
            Map.entry(0x22, "status report (synchronous)"),
            Map.entry(0x23, "synchronous report result"),
            Map.entry(0x24, "get Wi-Fi signal strength"),
            Map.entry(0x25, "disable heartbeat"),
            Map.entry(0x2B, "get network status"),
            Map.entry(0x2D, "get MAC address"),
            Map.entry(0x34, "extended services"));

    private TuyaCommand() {
    }

    /** The command's name, or {@code command 0xNN} when the protocol does not document it. */
    public static String name(int command) {
        String name = NAMES.get(command);
        return name != null ? name : String.format("command 0x%02X", command);
    }

    /** Whether the command carries data points (send command, status report). */
    public static boolean carriesDataPoints(int command) {
        return command == SEND_COMMAND || command == STATUS_REPORT;
    }
}
