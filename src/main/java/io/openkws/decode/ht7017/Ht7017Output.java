package io.openkws.decode.ht7017;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.decode.ht7017.Ht7017Transaction.Op;
import io.openkws.driver.ht7017.Ht7017Register;
import java.util.Locale;

/**
 * The two renderings of a decoded HT7017 transaction: a line for people, and the one-line JSON object of
 * design.md ("Decoder output"): {@code op}, {@code address}, {@code register}, {@code value} (absent when the
 * chip did not answer a read), {@code checksumOk} and, for writes, {@code ack}.
 *
 * <p>Exists so the command line and the tests share one definition of both formats.
 */
public final class Ht7017Output {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Ht7017Output() {
    }

    public static String json(Ht7017Transaction t) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("op", t.op().name().toLowerCase(Locale.ROOT));
        o.put("address", t.address());
        o.put("register", t.registerName());
        t.value().ifPresent(v -> o.put("value", v));
        o.put("checksumOk", t.checksumOk());
        if (t.op() == Op.WRITE) {
            o.put("ack", t.ack().name().toLowerCase(Locale.ROOT));
        }
        return o.toString();
    }

    public static String human(Ht7017Transaction t) {
        StringBuilder sb = new StringBuilder(String.format("line %-4d ", t.line()));
        t.timeSeconds().ifPresent(s -> sb.append(String.format(Locale.ROOT, "%10.4f s  ", s)));
        sb.append(String.format("%-5s %-13s (0x%02X)", t.op().name().toLowerCase(Locale.ROOT), t.registerName(),
                t.address()));
        if (t.op() == Op.WRITE) {
            int v = t.value().orElseThrow();
            sb.append(String.format(" = 0x%04X (%d)", v, v));
            sb.append(t.checksumOk() ? "" : "  BAD COMMAND CHECKSUM");
            sb.append("  ack ").append(t.ack().name().toLowerCase(Locale.ROOT));
            String meaning = writeMeaning(t.address(), v);
            if (!meaning.isEmpty()) {
                sb.append("  (").append(meaning).append(')');
            }
        } else if (t.value().isPresent()) {
            int v = t.value().getAsInt();
            int bits = t.register().map(Ht7017Register::bits).orElse(24);
            sb.append(String.format(" = %d (0x%0" + ((bits + 3) / 4) + "X)", v, v & ((1 << bits) - 1)));
            sb.append(t.checksumOk() ? "" : "  BAD CHECKSUM");
        }
        t.note().ifPresent(n -> sb.append("  ! ").append(n));
        return sb.toString();
    }

    private static String writeMeaning(int address, int value) {
        if (address == Ht7017Register.WPREG.address()) {
            return switch (value) {
                case Ht7017Register.WP_KEY_BC -> "unlocks 0x40-0x45";
                case Ht7017Register.WP_KEY_A6 -> "unlocks 0x50-0x7C";
                case 0 -> "locks the calibration registers";
                default -> "unknown write-protect key";
            };
        }
        if (address == Ht7017Register.SRSTREG.address()) {
            return value == Ht7017Register.SOFT_RESET ? "soft reset" : "";
        }
        return "";
    }
}
