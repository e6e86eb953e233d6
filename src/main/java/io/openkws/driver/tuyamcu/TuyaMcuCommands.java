package io.openkws.driver.tuyamcu;

/**
 * The command bytes of Tuya's WiFi general serial protocol that openkws sends or answers.
 *
 * <p>Exists so the decoder's names and the bridge's dispatch use the same numbers.
 */
public final class TuyaMcuCommands {

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

    private TuyaMcuCommands() {
    }
}
