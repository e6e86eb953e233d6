package io.openkws.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one {@code openkws bench} run, each with its target, as a table and as JSON.
 *
 * <p>Exists so the README's "Performance" section and any tool that tracks the figures read the same keys
 * ({@code ht7017_reads_per_s}, {@code trip_latency_ms_p99}, ...) with one definition of "meets its target".
 */
public final class BenchReport {

    /** One figure: JSON key, value, unit, target text and whether the target is met (null: no target). */
    public record Figure(String key, double value, String unit, String target, Boolean met) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, String> notes = new LinkedHashMap<>();

    /** Adds a text entry (how a figure was obtained) to the JSON. */
    public BenchReport note(String key, String text) {
        notes.put(key, text);
        return this;
    }

    /** Adds a figure. */
    public BenchReport add(String key, double value, String unit, String target, Boolean met) {
        figures.add(new Figure(key, value, unit, target, met));
        return this;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The JSON object: one key per figure, the notes, plus {@code targets_met} (all targets met). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Figure f : figures) {
            map.put(f.key(), Math.round(f.value() * 1000) / 1000.0);
        }
        map.putAll(notes);
        map.put("targets_met", figures.stream().allMatch(f -> f.met() == null || f.met()));
        return map;
    }

    /** Writes {@link #toMap()} as pretty JSON. */
    public void writeJson(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), toMap());
    }

    /** One table row for {@code f}. */
    public static String row(Figure f) {
        String status = f.met() == null ? "" : f.met() ? "ok" : "MISSED";
        return String.format(Locale.ROOT, "%-36s %12s %-8s %-14s %s", f.key(), format(f.value()), f.unit(), f.target(),
                status);
    }

    /** The table header. */
    public static String header() {
        return String.format(Locale.ROOT, "%-36s %12s %-8s %-14s %s", "figure", "value", "unit", "target", "");
    }

    private static String format(double v) {
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
