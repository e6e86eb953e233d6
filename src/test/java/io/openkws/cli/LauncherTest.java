package io.openkws.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openkws.bench.JvmOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script ({@code ./openkws}) against a stand-in JDK whose {@code java} records its arguments: the
 * flags come from {@code src/dist/jvm.options} (the file the systemd unit and the bench share), and the class-data
 * archive of {@code run} is added, dropped when the jar is newer, and left out (with one line) when its directory
 * cannot be written, never failing the start.
 */
class LauncherTest {

    @TempDir
    Path home;
    @TempDir
    Path jdk;

    private Path argsFile;

    @BeforeEach
    void install() throws IOException {
        Files.copy(Path.of("openkws"), home.resolve("openkws"));
        Files.createDirectories(home.resolve("src/dist"));
        Files.copy(Path.of("src/dist/jvm.options"), home.resolve("src/dist/jvm.options"));
        Files.createDirectories(home.resolve("target/lib"));
        Files.writeString(home.resolve("target/openkws.jar"), "jar");
        Files.writeString(home.resolve("target/lib/dep.jar"), "dep");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.1\"\n");
        argsFile = jdk.resolve("args.txt");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" + argsFile + "'\n");
        Files.writeString(jdk.resolve("bin/javac"), "#!/bin/sh\n");
        for (Path p : List.of(java, jdk.resolve("bin/javac"), home.resolve("openkws"))) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private record Launched(int exit, String err, List<String> javaArgs) {
    }

    private Launched launch(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("openkws").toString(), "--installed"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile());
        pb.environment().remove("OPENKWS_JAVA_OPTS");
        pb.environment().remove("OPENKWS_ARCHIVE_DIR");
        pb.environment().remove("OPENKWS_ARCHIVE");
        pb.environment().remove("STATE_DIRECTORY");
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().putAll(env);
        Path err = jdk.resolve("err.txt");
        Process p = pb.redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the launcher did not return");
        List<String> javaArgs = Files.exists(argsFile) ? Files.readAllLines(argsFile) : List.of();
        Files.deleteIfExists(argsFile);
        return new Launched(p.exitValue(), Files.readString(err, StandardCharsets.UTF_8), javaArgs);
    }

    private static boolean hasArchive(Launched l) {
        return l.javaArgs().stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile="));
    }

    @Test
    void the_jvm_gets_the_flags_of_the_options_file_then_the_extra_ones_of_the_environment() throws Exception {
        Files.writeString(home.resolve("src/dist/jvm.options"), "-Xlog:gc*=info:stdout # a glob, not expanded\n",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(home.resolve("-Xlog:gcX=info:stdout"), "a file the glob would match");
        Launched l = launch(Map.of("OPENKWS_JAVA_OPTS", "-Xmx48m -Dx=1"), "decode", "ht7017", "f.txt");
        assertEquals(0, l.exit(), l.err());
        List<String> expected = new ArrayList<>(JvmOptions.forCommand(home, "decode"));
        expected.addAll(List.of("-Xmx48m", "-Dx=1"));
        int first = l.javaArgs().indexOf(expected.get(0));
        assertTrue(first >= 0, l.javaArgs().toString());
        assertEquals(expected, l.javaArgs().subList(first, first + expected.size()));
        assertEquals(List.of("-jar", home.resolve("target/openkws.jar").toString(), "decode", "ht7017", "f.txt"),
                l.javaArgs().subList(l.javaArgs().size() - 5, l.javaArgs().size()));
        assertFalse(hasArchive(l), "only run has a class-data archive: " + l.javaArgs());
    }

    @Test
    void a_command_line_of_the_options_file_applies_to_its_subcommand_only() throws Exception {
        Files.writeString(home.resolve("src/dist/jvm.options"), "-Xmx32m\nbench: -Xmx96m # more\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertTrue(launch(Map.of(), "bench").javaArgs().contains("-Xmx96m"));
        assertFalse(launch(Map.of(), "simulate").javaArgs().contains("-Xmx96m"));
    }

    @Test
    void run_gets_an_archive_in_the_state_directory_and_says_when_this_run_will_write_it() throws Exception {
        Path state = jdk.resolve("state");
        Launched l = launch(Map.of("STATE_DIRECTORY", state.toString()), "run", "--config", "c.yaml");
        assertEquals(0, l.exit(), l.err());
        assertTrue(l.javaArgs().contains("-XX:SharedArchiveFile=" + state.resolve("openkws-run.jsa")), l.javaArgs().toString());
        assertTrue(l.javaArgs().contains("-XX:+AutoCreateSharedArchive"), l.javaArgs().toString());
        assertTrue(l.err().contains("writes " + state.resolve("openkws-run.jsa") + " when it stops"), l.err());
    }

    @Test
    void an_archive_older_than_the_jar_is_deleted_so_the_jvm_writes_a_new_one() throws Exception {
        Path dir = jdk.resolve("archive");
        Files.createDirectories(dir);
        Path archive = dir.resolve("openkws-run.jsa");
        Files.writeString(archive, "old");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(3600)));
        Launched l = launch(Map.of("OPENKWS_ARCHIVE_DIR", dir.toString()), "run");
        assertFalse(Files.exists(archive));
        assertTrue(hasArchive(l), l.javaArgs().toString());
        assertTrue(l.err().contains("when it stops"), l.err());
    }

    @Test
    void an_archive_newer_than_the_jar_and_its_libraries_is_used_as_it_is() throws Exception {
        Path dir = jdk.resolve("archive");
        Files.createDirectories(dir);
        Path archive = dir.resolve("openkws-run.jsa");
        Files.writeString(archive, "current");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        Launched l = launch(Map.of("OPENKWS_ARCHIVE_DIR", dir.toString()), "run");
        assertEquals("current", Files.readString(archive));
        assertTrue(hasArchive(l), l.javaArgs().toString());
        assertEquals("", l.err());
    }

    @Test
    void an_archive_the_jvm_refused_last_time_is_deleted_so_this_run_writes_a_good_one() throws Exception {
        Path dir = jdk.resolve("archive");
        Files.createDirectories(dir);
        Path archive = dir.resolve("openkws-run.jsa");
        Files.writeString(archive, "damaged");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(60)));
        Files.writeString(dir.resolve("openkws-run.jsa.log"), "[0.002s][warning][cds] The shared archive file has a"
                + " bad magic number: 0x7d782f3c\n[0.002s][error  ][cds] Not a valid shared archive file\n");
        Launched l = launch(Map.of("OPENKWS_ARCHIVE_DIR", dir.toString()), "run");
        assertEquals(0, l.exit(), l.err());
        assertFalse(Files.exists(archive));
        assertTrue(hasArchive(l), l.javaArgs().toString());
        assertTrue(l.err().contains("could not use the class-data archive"), l.err());
    }

    @Test
    void a_library_newer_than_the_archive_makes_it_stale_too() throws Exception {
        Path dir = jdk.resolve("archive");
        Files.createDirectories(dir);
        Path archive = dir.resolve("openkws-run.jsa");
        Files.writeString(archive, "old");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        Files.setLastModifiedTime(home.resolve("target/openkws.jar"), FileTime.from(Instant.now().minusSeconds(3600)));
        launch(Map.of("OPENKWS_ARCHIVE_DIR", dir.toString()), "run");
        assertFalse(Files.exists(archive));
    }

    @Test
    void an_archive_directory_that_cannot_be_created_means_a_start_without_an_archive_not_a_failure() throws Exception {
        Path file = jdk.resolve("a-file");
        Files.writeString(file, "not a directory");
        Launched l = launch(Map.of("OPENKWS_ARCHIVE_DIR", file.resolve("sub").toString()), "run");
        assertEquals(0, l.exit(), l.err());
        assertFalse(hasArchive(l), l.javaArgs().toString());
        assertTrue(l.err().contains("starting without a class-data archive"), l.err());
        assertTrue(l.javaArgs().contains("run"), l.javaArgs().toString());
    }

    @Test
    void an_archive_path_the_jvm_would_misread_means_a_start_without_an_archive() throws Exception {
        for (String dir : List.of(jdk.resolve("a:b").toString(), jdk.resolve("a b").toString())) {
            Launched l = launch(Map.of("OPENKWS_ARCHIVE_DIR", dir), "run");
            assertEquals(0, l.exit(), l.err());
            assertFalse(hasArchive(l), l.javaArgs().toString());
            assertTrue(l.err().contains("would misread its path"), l.err());
        }
    }

    @Test
    void the_archive_can_be_switched_off() throws Exception {
        assertFalse(hasArchive(launch(Map.of("OPENKWS_ARCHIVE", "off", "OPENKWS_ARCHIVE_DIR", jdk.toString()), "run")));
    }
}
