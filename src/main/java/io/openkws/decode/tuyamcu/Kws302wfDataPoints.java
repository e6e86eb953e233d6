package io.openkws.decode.tuyamcu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The KWS-302WF's Tuya data points (name, scale, unit), so a decoded status report reads
 * {@code 101 voltage = 230.5 V} instead of {@code 101 = 2305}.
 *
 * <p>The table is data ({@code kws302wf-dps.csv} next to this class, copied from the fact sheet's part B5), not
 * code. It only labels the human output; JSON output carries the raw values.
 */
public final class Kws302wfDataPoints {

    /** One row of the table. */
    public record Entry(int dp, String code, int decimals, String unit, List<String> bits) {
    }

    private static final Map<Integer, Entry> TABLE = load();

    private Kws302wfDataPoints() {
    }

    public static Optional<Entry> entry(int dp) {
        return Optional.ofNullable(TABLE.get(dp));
    }

    /** A data point for people: {@code dp101 voltage = 230.5 V}, {@code dp10 fault = 0x05 (OV, OC)}. */
    public static String describe(TuyaDp dp) {
        Optional<Entry> e = entry(dp.id());
        String name = "dp" + dp.id() + e.map(x -> " " + x.code()).orElse("") + " (" + dp.type().jsonName() + ")";
        return name + " = " + valueText(dp, e);
    }

    private static String valueText(TuyaDp dp, Optional<Entry> e) {
        return switch (dp.type()) {
            case VALUE -> {
                if (e.isEmpty()) {
                    yield Long.toString(dp.number());
                }
                String scaled = BigDecimal.valueOf(dp.number(), e.get().decimals()).toPlainString();
                yield e.get().unit().isEmpty() ? scaled : scaled + " " + e.get().unit();
            }
            case BITMAP -> {
                long v = dp.number();
                String text = String.format("0x%X", v);
                if (e.isPresent() && !e.get().bits().isEmpty()) {
                    List<String> set = new ArrayList<>();
                    for (int b = 0; b < 32; b++) {
                        if ((v >> b & 1) != 0) {
                            set.add(b < e.get().bits().size() ? e.get().bits().get(b) : "bit" + b);
                        }
                    }
                    text += set.isEmpty() ? " (none)" : " (" + String.join(", ", set) + ")";
                }
                yield text;
            }
            case STRING -> "\"" + dp.value() + "\"";
            case RAW -> dp.value().toString().isEmpty() ? "(empty)" : dp.value().toString();
            case BOOL, ENUM -> dp.value().toString();
        };
    }

    private static Map<Integer, Entry> load() {
        Map<Integer, Entry> table = new LinkedHashMap<>();
        try (InputStream in = Kws302wfDataPoints.class.getResourceAsStream("kws302wf-dps.csv")) {
            if (in == null) {
                throw new IllegalStateException("kws302wf-dps.csv missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                List<String> bits = f[4].isEmpty() ? List.of() : List.of(f[4].split("\\|"));
                Entry e = new Entry(Integer.parseInt(f[0]), f[1], Integer.parseInt(f[2]), f[3], bits);
                table.put(e.dp(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(table);
    }
}
