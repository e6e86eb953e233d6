package io.openkws.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM flags of {@code src/dist/jvm.options}, read the way the launcher reads them: one or more flags a line,
 * {@code #} comments, and {@code COMMAND: FLAGS} lines that apply to one subcommand only, after the common flags.
 *
 * <p>Exists so Java code that starts a child JVM "as the launcher would" (the bench's reports, the large-input
 * memory tests) takes its flags from the one file the launcher and the systemd unit use, instead of a copy that
 * drifts.
 */
public final class JvmOptions {

    /** Where the flags file lives, relative to the project home. */
    public static final Path FILE = Path.of("src", "dist", "jvm.options");

    private static final Pattern COMMAND_LINE = Pattern.compile("^\\s*([a-z][a-z0-9-]*):(.*)$");

    private JvmOptions() {
    }

    /** The flags for {@code command} (a subcommand name; {@code ""} for the common flags only) in {@code home}. */
    public static List<String> forCommand(Path home, String command) {
        Path file = home.resolve(FILE);
        try {
            return parse(Files.readString(file), command);
        } catch (IOException e) {
            throw new BenchSetupException("cannot read the JVM flags file " + file + ": " + e.getMessage());
        }
    }

    /** The flags {@code text} (the file's content) gives {@code command}. */
    static List<String> parse(String text, String command) {
        List<String> flags = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            int hash = raw.indexOf('#');
            String line = hash < 0 ? raw : raw.substring(0, hash);
            Matcher m = COMMAND_LINE.matcher(line);
            if (m.matches()) {
                if (!m.group(1).equals(command)) {
                    continue;
                }
                line = m.group(2);
            }
            Arrays.stream(line.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(flags::add);
        }
        return List.copyOf(flags);
    }
}
