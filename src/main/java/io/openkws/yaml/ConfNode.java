package io.openkws.yaml;

import static io.openkws.UserInput.shown;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A read-only view of one node of a YAML file that knows where it came from (file, line, key path).
 *
 * <p>Exists so every file the user edits (config, board, scenario, calibration profile) is validated the same
 * way: typed getters with ranges and defaults, unknown keys rejected, and every error a {@link ConfigException}
 * naming the file, the line and the key path, e.g. {@code config.yaml:7: protection.overVoltage.limit: 999 is
 * out of range (0 to 400)}. Scalars are read from their source text, so YAML 1.1 booleans such as unquoted
 * {@code on} reach the caller as written. A {@code ~}/null value counts as absent.
 */
public final class ConfNode {

    private final String source;
    private final String path;
    private final Node node;

    private ConfNode(String source, String path, Node node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /**
     * Parses a YAML file; an absent, unreadable, oversized (over {@link TextFiles#MAX_BYTES}), non-UTF-8 or
     * malformed file, or one with a key given twice in a mapping, is a {@link ConfigException}.
     */
    public static ConfNode load(Path file) {
        String name = file.toString();
        return parse(name, TextFiles.read(file, name));
    }

    /**
     * Parses YAML text; {@code sourceName} is used in error messages. An empty document is an empty mapping. A key
     * given twice in one mapping is an error naming both lines: SnakeYAML's composer keeps both and the first
     * would silently win ({@code limit: 260} then {@code limit: 240} read as 260).
     */
    public static ConfNode parse(String sourceName, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setCodePointLimit(1 << 20);
        options.setNestingDepthLimit(20);
        Node root;
        try (Reader reader = new StringReader(text)) {
            root = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ConfigException(sourceName + ":" + line + ": not valid YAML: " + problem.replace('\n', ' '));
        } catch (YAMLException | IOException e) {
            throw new ConfigException(sourceName + ": not valid YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(sourceName + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null) {
            root = new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        }
        ConfNode conf = new ConfNode(sourceName, "", root);
        conf.requireMapping();
        rejectDuplicateKeys(sourceName, "", root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        return conf;
    }

    /** The file (or source) name. */
    public String source() {
        return source;
    }

    /** Dotted key path of this node from the root ("" for the root). */
    public String path() {
        return path;
    }

    /** 1-based line of this node in its source, 0 when unknown. */
    public int line() {
        return node.getStartMark() != null ? node.getStartMark().getLine() + 1 : 0;
    }

    /** An error at this node: {@code file:line: path: message}. */
    public ConfigException error(String message) {
        String where = path.isEmpty() ? "" : shown(path) + ": ";
        return new ConfigException(source + ":" + line() + ": " + where + message);
    }

    /** Whether this mapping has {@code key} with a non-null value. */
    public boolean has(String key) {
        return find(key).isPresent();
    }

    /** Keys of this mapping, in file order (null-valued keys included). */
    public Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        for (NodeTuple tuple : requireMapping().getValue()) {
            keys.add(keyText(tuple));
        }
        return keys;
    }

    /** Rejects any key of this mapping not in {@code allowed}, naming it and listing the allowed keys. */
    public ConfNode allowOnly(String... allowed) {
        Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
        for (NodeTuple tuple : requireMapping().getValue()) {
            String key = keyText(tuple);
            if (!ok.contains(key)) {
                ConfNode at = new ConfNode(source, join(key), tuple.getKeyNode());
                throw at.error("unknown key (allowed: " + String.join(", ", ok) + ")");
            }
        }
        return this;
    }

    /** A required child mapping or value. */
    public ConfNode child(String key) {
        return find(key).orElseThrow(() -> missing(key));
    }

    /** An optional child. */
    public Optional<ConfNode> optChild(String key) {
        return find(key);
    }

    /** A required mapping child; an absent key reads as an empty mapping when {@code optional}. */
    public ConfNode section(String key) {
        Optional<ConfNode> child = find(key);
        if (child.isEmpty()) {
            return new ConfNode(source, join(key),
                    new MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(), org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK));
        }
        child.get().requireMapping();
        return child.get();
    }

    /** The elements of a sequence child ({@code []} when absent). */
    public List<ConfNode> list(String key) {
        Optional<ConfNode> child = find(key);
        if (child.isEmpty()) {
            return List.of();
        }
        ConfNode c = child.get();
        if (!(c.node instanceof SequenceNode seq)) {
            throw c.error("expected a list");
        }
        List<ConfNode> items = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            items.add(new ConfNode(source, c.path + "[" + i++ + "]", item));
        }
        return items;
    }

    /** The children of a mapping child as an ordered map ({@code {}} when absent). */
    public Map<String, ConfNode> entries(String key) {
        Map<String, ConfNode> result = new LinkedHashMap<>();
        ConfNode section = section(key);
        for (NodeTuple tuple : section.requireMapping().getValue()) {
            String k = keyText(tuple);
            result.put(k, new ConfNode(source, section.join(k), tuple.getValueNode()));
        }
        return result;
    }

    /** This scalar's text. */
    public String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value, not a " + (node instanceof MappingNode ? "mapping" : "list"));
        }
        return scalar.getValue();
    }

    /** A number in [min, max] (decimals allowed). */
    public double asNumber(double min, double max) {
        String text = text().trim();
        double value;
        try {
            value = Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw error("'" + shown(text) + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw error("'" + shown(text) + "' is not a finite number");
        }
        if (value < min || value > max) {
            throw error(shown(text) + " is out of range (" + fmt(min) + " to " + fmt(max) + ")");
        }
        return value;
    }

    /** A whole number in [min, max]; accepts 0x hex. */
    public long asLong(long min, long max) {
        String text = text().trim().replace("_", "");
        long value;
        try {
            value = text.toLowerCase(Locale.ROOT).startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("'" + shown(text) + "' is not a whole number");
        }
        if (value < min || value > max) {
            throw error(shown(text) + " is out of range (" + min + " to " + max + ")");
        }
        return value;
    }

    /** on/off, true/false, yes/no (any case). */
    public boolean asOnOff() {
        String text = text().trim().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw error("'" + shown(text()) + "' is not on/off (use on, off, true or false)");
        };
    }

    /** One of {@code allowed} (case-insensitive); YAML booleans map to "on"/"off" when those are allowed. */
    public String asChoice(String... allowed) {
        String text = text().trim().toLowerCase(Locale.ROOT);
        List<String> options = Arrays.asList(allowed);
        if (!options.contains(text) && options.contains("on") && options.contains("off")) {
            text = switch (text) {
                case "true", "yes" -> "on";
                case "false", "no" -> "off";
                default -> text;
            };
        }
        if (!options.contains(text)) {
            throw error("'" + shown(text()) + "' is not one of " + String.join(", ", allowed));
        }
        return text;
    }

    public double number(String key, double defaultValue, double min, double max) {
        return find(key).map(c -> c.asNumber(min, max)).orElse(defaultValue);
    }

    public double requireNumber(String key, double min, double max) {
        return child(key).asNumber(min, max);
    }

    public long integer(String key, long defaultValue, long min, long max) {
        return find(key).map(c -> c.asLong(min, max)).orElse(defaultValue);
    }

    public long requireInteger(String key, long min, long max) {
        return child(key).asLong(min, max);
    }

    public boolean onOff(String key, boolean defaultValue) {
        return find(key).map(ConfNode::asOnOff).orElse(defaultValue);
    }

    public String string(String key, String defaultValue) {
        return find(key).map(ConfNode::text).orElse(defaultValue);
    }

    public String requireString(String key) {
        return child(key).text();
    }

    public String choice(String key, String defaultValue, String... allowed) {
        return find(key).map(c -> c.asChoice(allowed)).orElse(defaultValue);
    }

    private static void rejectDuplicateKeys(String source, String path, Node node, Set<Node> visited) {
        if (!visited.add(node)) {
            return;
        }
        if (node instanceof MappingNode mapping) {
            Map<String, Integer> firstLine = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
                int line = key.getStartMark() != null ? key.getStartMark().getLine() + 1 : 0;
                Integer before = firstLine.putIfAbsent(key.getValue(), line);
                if (before != null) {
                    throw new ConfigException(source + ":" + line + ": " + shown(childPath)
                            + ": duplicate key (already set on line " + before + "; remove one of them)");
                }
                rejectDuplicateKeys(source, childPath, tuple.getValueNode(), visited);
            }
        } else if (node instanceof SequenceNode sequence) {
            int i = 0;
            for (Node item : sequence.getValue()) {
                rejectDuplicateKeys(source, path + "[" + i++ + "]", item, visited);
            }
        }
    }

    private Optional<ConfNode> find(String key) {
        for (NodeTuple tuple : requireMapping().getValue()) {
            if (keyText(tuple).equals(key)) {
                Node value = tuple.getValueNode();
                if (value instanceof ScalarNode scalar && isNull(scalar)) {
                    return Optional.empty();
                }
                return Optional.of(new ConfNode(source, join(key), value));
            }
        }
        return Optional.empty();
    }

    private ConfigException missing(String key) {
        return new ConfigException(source + ":" + line() + ": " + shown(join(key)) + ": missing key");
    }

    private MappingNode requireMapping() {
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        throw error("expected a mapping of keys to values");
    }

    private String keyText(NodeTuple tuple) {
        if (tuple.getKeyNode() instanceof ScalarNode scalar) {
            return scalar.getValue();
        }
        throw new ConfNode(source, path, tuple.getKeyNode()).error("keys must be plain names");
    }

    private String join(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean isNull(ScalarNode scalar) {
        String v = scalar.getValue();
        return scalar.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL) || v.equals("~") || v.equalsIgnoreCase("null")
                || (v.isEmpty() && scalar.getScalarStyle() == org.yaml.snakeyaml.DumperOptions.ScalarStyle.PLAIN);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
