package io.openkws.fuzz;

import static io.openkws.fuzz.FuzzHarness.survives;
import static io.openkws.fuzz.FuzzHarness.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openkws.board.BoardSpec;
import io.openkws.yaml.ConfNode;
import io.openkws.yaml.ConfigException;
import io.openkws.config.Config;
import io.openkws.meter.CalibrationProfile;
import io.openkws.scenario.Scenario;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzz targets for every YAML file the user edits: the configuration, scenarios, board files, calibration
 * profiles, and {@link ConfNode} itself (parsed, then every getter tried on every node).
 *
 * <p>Exists because these files are typed by hand: whatever they hold, loading either succeeds or fails with one
 * {@link ConfigException} line naming the file, line and key, never a stack trace.
 */
class ConfigFuzzTest {

    private static final List<String> YAML_TOKENS = List.of(": ", "\n", "  ", "- ", "{", "}", "[", "]", ",", "~",
            "null", "on", "off", "yes", "0x", "0xFFFFFFFFFFFFFFFFFF", "1e309", "-1", ".5", "NaN", ".inf", "&a ",
            "*a", "!!binary ", "!!python/object ", "? ", "|\n", ">\n", "\"\\n\"", "'", "#", "\t", "---\n", "...\n",
            "<<: *a\n", "\"\\u2028\"", "_", "1_000", "\"a\nb\"");

    @FuzzTest(maxDuration = "5m")
    void config_loads_or_names_the_key(byte[] input) {
        survives(input, ConfigException.class, () -> Config.parse("fuzz.yaml", text(input)));
    }

    @FuzzTest(maxDuration = "5m")
    void scenario_loads_or_names_the_key(byte[] input) {
        survives(input, ConfigException.class, () -> Scenario.parse("fuzz.yaml", text(input)));
    }

    @FuzzTest(maxDuration = "5m")
    void board_loads_or_names_the_key(byte[] input) {
        survives(input, ConfigException.class,
                () -> BoardSpec.parse(ConfNode.parse("board.yaml", text(input)), "fuzz", Path.of("fuzz")));
    }

    @FuzzTest(maxDuration = "5m")
    void calibration_profile_loads_or_names_the_key(byte[] input) {
        survives(input, ConfigException.class,
                () -> CalibrationProfile.from(ConfNode.parse("calibration.yaml", text(input))));
    }

    @FuzzTest(maxDuration = "5m")
    void any_yaml_reads_through_every_getter_or_names_the_key(byte[] input) {
        survives(input, ConfigException.class, () -> walk(ConfNode.parse("fuzz.yaml", text(input)), input, 0));
    }

    @Property(tries = 1500, seed = "101")
    void configs_explored(@ForAll("configs") byte[] input) {
        config_loads_or_names_the_key(input);
    }

    @Property(tries = 1500, seed = "102")
    void scenarios_explored(@ForAll("scenarios") byte[] input) {
        scenario_loads_or_names_the_key(input);
    }

    @Property(tries = 1500, seed = "103")
    void boards_explored(@ForAll("boards") byte[] input) {
        board_loads_or_names_the_key(input);
    }

    @Property(tries = 1500, seed = "104")
    void calibration_profiles_explored(@ForAll("calibrations") byte[] input) {
        calibration_profile_loads_or_names_the_key(input);
    }

    @Property(tries = 1500, seed = "105")
    void yaml_explored(@ForAll("yaml") byte[] input) {
        any_yaml_reads_through_every_getter_or_names_the_key(input);
    }

    @Provide
    Arbitrary<byte[]> configs() {
        return explore("config_loads_or_names_the_key");
    }

    @Provide
    Arbitrary<byte[]> scenarios() {
        return explore("scenario_loads_or_names_the_key");
    }

    @Provide
    Arbitrary<byte[]> boards() {
        return explore("board_loads_or_names_the_key");
    }

    @Provide
    Arbitrary<byte[]> calibrations() {
        return explore("calibration_profile_loads_or_names_the_key");
    }

    @Provide
    Arbitrary<byte[]> yaml() {
        return explore("any_yaml_reads_through_every_getter_or_names_the_key");
    }

    private Arbitrary<byte[]> explore(String method) {
        return FuzzHarness.explore(FuzzHarness.corpus(getClass(), method), YAML_TOKENS);
    }

    /** Tries every getter of every key; each may refuse with a one-line ConfigException, nothing else. */
    private static void walk(ConfNode node, byte[] input, int depth) {
        if (depth > 25) {
            return;
        }
        for (String key : node.keys()) {
            node.has(key);
            node.optChild(key).ifPresent(c -> {
                attempt(input, c::text);
                attempt(input, () -> c.asNumber(-1e6, 1e6));
                attempt(input, () -> c.asLong(0, 0xFFFF));
                attempt(input, c::asOnOff);
                attempt(input, () -> c.asChoice("on", "off", "memory"));
                attempt(input, () -> c.allowOnly("a", "b"));
                attempt(input, () -> {
                    c.keys();
                    walk(c, input, depth + 1);
                    return null;
                });
            });
            attempt(input, () -> node.list(key).size());
            attempt(input, () -> node.entries(key).size());
            attempt(input, () -> node.section(key));
            attempt(input, () -> node.number(key, 0, -10, 10));
            attempt(input, () -> node.integer(key, 0, -10, 10));
            attempt(input, () -> node.choice(key, "off", "on", "off"));
            attempt(input, () -> node.string(key, ""));
            for (ConfNode item : attemptList(input, node, key)) {
                attempt(input, () -> {
                    walk(item, input, depth + 1);
                    return null;
                });
            }
        }
    }

    private static List<ConfNode> attemptList(byte[] input, ConfNode node, String key) {
        try {
            return node.list(key);
        } catch (ConfigException e) {
            FuzzHarness.requireOneLine(e.getMessage(), input, e);
            return List.of();
        }
    }

    private static void attempt(byte[] input, java.util.function.Supplier<?> getter) {
        try {
            getter.get();
        } catch (ConfigException e) {
            FuzzHarness.requireOneLine(e.getMessage(), input, e);
        }
    }
}
