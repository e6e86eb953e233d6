package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The CLI builds only the subcommand it runs and parses the service's {@code run} command lines without picocli
 * (start-up savings), and still lists every subcommand and handles every other command line as before.
 */
class MainSubcommandsTest {

    @Test
    void each_subcommand_answers_to_the_name_main_knows_it_by() {
        for (Main.Subcommand s : Main.SUBCOMMANDS) {
            Object command = s.create().get();
            assertEquals(s.name(), command.getClass().getAnnotation(Command.class).name(), command.getClass().getName());
        }
    }

    @Test
    void a_command_line_naming_a_subcommand_builds_that_one_only() {
        List<Object> built = Main.subcommandsFor("run", "--config", "x.yaml");
        assertEquals(1, built.size());
        assertInstanceOf(RunCommand.class, built.get(0));
    }

    @Test
    void a_command_line_without_a_known_subcommand_builds_them_all() {
        assertEquals(Main.SUBCOMMANDS.size(), Main.subcommandsFor().size());
        assertEquals(Main.SUBCOMMANDS.size(), Main.subcommandsFor("--help").size());
        assertEquals(Main.SUBCOMMANDS.size(), Main.subcommandsFor("rnu").size());
    }

    @Test
    void the_top_level_help_still_lists_every_subcommand() {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        for (Main.Subcommand s : Main.SUBCOMMANDS) {
            assertEquals(true, out.toString().contains("  " + s.name() + " "), s.name() + " missing from\n" + out);
        }
    }

    @Test
    void the_service_command_lines_of_run_are_parsed_without_picocli() {
        assertEquals(null, RunCommand.plain("run").orElseThrow().configFile);
        assertEquals(Path.of("/etc/openkws/config.yaml"),
                RunCommand.plain("run", "--config", "/etc/openkws/config.yaml").orElseThrow().configFile);
        assertEquals(Path.of("c.yaml"), RunCommand.plain("run", "--config=c.yaml").orElseThrow().configFile);
    }

    @Test
    void any_other_command_line_is_left_to_picocli() {
        for (String[] args : List.of(new String[] {}, new String[] {"run", "--help"}, new String[] {"run", "--config"},
                new String[] {"run", "--config", "--help"}, new String[] {"run", "--config="},
                new String[] {"run", "--config", "a", "b"}, new String[] {"run", "-c", "a"},
                new String[] {"simulate", "--config", "a"}, new String[] {"run", "--config", "a\u0000b"})) {
            assertTrue(RunCommand.plain(args).isEmpty(), String.join(" ", args));
        }
    }

    @Test
    void a_plain_run_with_a_missing_config_is_one_line_and_exit_2(@TempDir Path dir) {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = Main.execute("run", "--config", dir.resolve("absent.yaml").toString());
        } finally {
            System.setErr(before);
        }
        assertEquals(Main.EXIT_USAGE, exit);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("openkws: ") && text.contains("absent.yaml") && text.lines().count() == 1, text);
    }
}
