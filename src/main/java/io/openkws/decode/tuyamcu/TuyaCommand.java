package io.openkws.decode.tuyamcu;

import io.openkws.driver.tuyamcu.TuyaMcuCommands;
import java.util.Map;

/**
 * Names of the TuyaMCU command bytes of Tuya's Wi-Fi general serial protocol.
 *
 * <p>Exists so the decoder prints "status report" instead of 0x07. Unknown commands are shown by number.
 */
public final class TuyaCommand {

    public static final int HEARTBEAT = TuyaMcuCommands.HEARTBEAT;
    public static final int PRODUCT_INFO = TuyaMcuCommands.PRODUCT_INFO;
    public static final int WORKING_MODE = TuyaMcuCommands.WORKING_MODE;
    public static final int NETWORK_STATUS = TuyaMcuCommands.NETWORK_STATUS;
    public static final int SEND_COMMAND = TuyaMcuCommands.SEND_COMMAND;
    public static final int STATUS_REPORT = TuyaMcuCommands.STATUS_REPORT;
    public static final int QUERY_STATUS = TuyaMcuCommands.QUERY_STATUS;
    public static final int OTA_START = TuyaMcuCommands.OTA_START;
    public static final int OTA_PACKAGE = TuyaMcuCommands.OTA_PACKAGE;
    public static final int LOCAL_TIME = TuyaMcuCommands.LOCAL_TIME;

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
