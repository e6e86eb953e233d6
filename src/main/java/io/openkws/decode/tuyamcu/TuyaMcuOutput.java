package io.openkws.decode.tuyamcu;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.decode.Direction;
import io.openkws.decode.HexText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The two renderings of a decoded TuyaMCU frame: lines for people, and the one-line JSON object of design.md
 * ("Decoder output"): {@code command}, {@code checksumOk}, {@code version}, {@code direction} when known, and
 * {@code dps} for state frames that carry data points.
 *
 * <p>Exists so the command line and the tests share one definition of both formats.
 */
public final class TuyaMcuOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String KWS302WF_PRODUCT = "tadm13agjigbdtxd";

    private TuyaMcuOutput() {
    }

    /** The JSON object of one frame, on one line. */
    public static String json(TuyaFrame f) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("command", f.command());
        o.put("checksumOk", f.checksumOk());
        o.put("version", f.version());
        if (f.direction() != null) {
            o.put("direction", f.direction().name());
        }
        if (!f.dps().isEmpty()) {
            ArrayNode dps = o.putArray("dps");
            for (TuyaDp dp : f.dps()) {
                ObjectNode d = dps.addObject();
                d.put("id", dp.id());
                d.put("type", dp.type().jsonName());
                switch (dp.value()) {
                    case Boolean b -> d.put("value", b);
                    case Long l -> d.put("value", l);
                    default -> d.put("value", dp.value().toString());
                }
            }
        }
        return o.toString();
    }

    /** A frame for people: a heading line, then indented detail lines. */
    public static List<String> human(TuyaFrame f) {
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder(String.format("line %-4d ", f.line()));
        f.timeSeconds().ifPresent(t -> head.append(String.format(Locale.ROOT, "%10.4f s  ", t)));
        head.append(f.direction() == null ? "" : String.format("%-6s", f.direction() + ">"));
        head.append(String.format("v%d cmd 0x%02X %s", f.version(), f.command(), f.commandName()));
        byte[] data = f.data();
        if (!f.checksumOk()) {
            head.append(String.format("  BAD CHECKSUM (frame has 0x%02X, bytes sum to 0x%02X)",
                    f.checksum(), f.expectedChecksum()));
        }
        lines.add(head.toString());
        if (!f.checksumOk()) {
            if (data.length > 0) {
                lines.add("    data (not trusted): " + HexText.preview(data, 0, data.length));
            }
            return lines;
        }
        if (TuyaCommand.carriesDataPoints(f.command())) {
            for (TuyaDp dp : f.dps()) {
                lines.add("    " + Kws302wfDataPoints.describe(dp));
            }
            f.dpError().ifPresent(e -> lines.add("    ! data points stop here: " + e));
            return lines;
        }
        Optional<ProductInfo> info = f.productInfo();
        if (info.isPresent()) {
            lines.add("    " + info.get().compact());
            List<String> parts = new ArrayList<>();
            info.get().productId().ifPresent(p -> parts.add("product " + p
                    + (p.equals(KWS302WF_PRODUCT) ? " (KWS-302WF)" : "")));
            info.get().firmwareVersion().ifPresent(v -> parts.add("MCU firmware " + v));
            info.get().mode().ifPresent(m -> parts.add("mode " + m));
            if (!parts.isEmpty()) {
                lines.add("    " + String.join(", ", parts));
            }
            return lines;
        }
        String detail = detail(f, data);
        if (detail != null) {
            lines.add("    " + detail);
        } else if (data.length > 0) {
            lines.add("    data: " + HexText.preview(data, 0, data.length) + " (" + data.length + " bytes)");
        }
        return lines;
    }

    private static String detail(TuyaFrame f, byte[] data) {
        boolean fromMcu = f.direction() == Direction.MCU || (f.direction() == null && f.version() >= 3);
        int n = data.length;
        int first = n > 0 ? data[0] & 0xFF : -1;
        return switch (f.command()) {
            case TuyaCommand.HEARTBEAT -> n == 1 && fromMcu ? (first == 0 ? "MCU just (re)started" : "MCU running")
                    : null;
            case TuyaCommand.WORKING_MODE -> workingMode(fromMcu, data);
            case TuyaCommand.NETWORK_STATUS -> n == 1 ? "network status " + first + ": " + networkStatus(first) : null;
            case TuyaCommand.OTA_START -> n == 4 ? "firmware size " + unsigned(data, 0, 4) + " bytes"
                    : n == 1 ? "MCU asks for " + (256 << Math.min(first, 2)) + "-byte packets" : null;
            case TuyaCommand.OTA_PACKAGE -> otaPackage(fromMcu, data);
            case TuyaCommand.LOCAL_TIME -> localTime(data);
            default -> null;
        };
    }

    private static String workingMode(boolean fromMcu, byte[] data) {
        if (data.length == 0 && fromMcu) {
            return "the Wi-Fi module drives its own LED and reset";
        }
        return data.length == 2
                ? String.format("status LED on MCU pin 0x%02X, reset key on 0x%02X", data[0], data[1]) : null;
    }

    private static String otaPackage(boolean fromMcu, byte[] data) {
        if (data.length == 0 && fromMcu) {
            return "MCU received the package";
        }
        if (data.length < 4) {
            return null;
        }
        return "offset " + unsigned(data, 0, 4) + ", " + (data.length - 4) + " byte(s) of firmware"
                + (data.length == 4 ? " (end of file)" : "");
    }

    private static String localTime(byte[] data) {
        if (data.length < 7) {
            return null;
        }
        return String.format(Locale.ROOT, "%s 20%02d-%02d-%02d %02d:%02d:%02d%s",
                data[0] != 0 ? "time" : "time not available:", data[1], data[2], data[3], data[4], data[5], data[6],
                data.length >= 8 ? " weekday " + data[7] : "");
    }

    private static String networkStatus(int status) {
        return switch (status) {
            case 0 -> "pairing (SmartConfig)";
            case 1 -> "pairing (AP mode)";
            case 2 -> "Wi-Fi configured, not connected to the router";
            case 3 -> "connected to the router";
            case 4 -> "connected to the cloud";
            case 5 -> "low-power mode";
            case 6 -> "pairing (SmartConfig and AP)";
            default -> "unknown";
        };
    }

    private static long unsigned(byte[] data, int from, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (data[from + i] & 0xFF);
        }
        return v;
    }
}
