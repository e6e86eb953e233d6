package io.openkws.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilePermissionsTest {

    private static final String WITH_PASSWORD = "mqtt:\n  url: tcp://127.0.0.1:1883\n  username: meter\n  password: s3cret\n";

    private static Optional<String> check(Path dir, String yaml, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return SecretFilePermissions.warning(file, Config.load(file));
    }

    @Test
    void a_password_file_readable_by_everyone_gets_a_warning_naming_the_fix(@TempDir Path dir) throws Exception {
        String w = check(dir, WITH_PASSWORD, "rw-r--r--").orElseThrow();
        assertTrue(w.contains("readable by group and others"), w);
        assertTrue(w.contains("rw-r--r--"), w);
        assertTrue(w.contains("chmod 600 " + dir.resolve("config.yaml")), w);
        assertTrue(!w.contains("s3cret"), "the password itself is never logged");
    }

    @Test
    void a_password_file_readable_by_its_group_gets_a_warning(@TempDir Path dir) throws Exception {
        assertTrue(check(dir, WITH_PASSWORD, "rw-r-----").orElseThrow().contains("readable by its group"));
    }

    @Test
    void a_password_file_readable_by_others_only_gets_a_warning(@TempDir Path dir) throws Exception {
        assertTrue(check(dir, WITH_PASSWORD, "rw----r--").orElseThrow().contains("readable by others"));
    }

    @Test
    void an_owner_only_password_file_gets_no_warning(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), check(dir, WITH_PASSWORD, "rw-------"));
    }

    @Test
    void a_web_password_counts_too(@TempDir Path dir) throws Exception {
        String w = check(dir, "web:\n  password: hunter2\n", "rw-r--r--").orElseThrow();
        assertTrue(w.contains("holds the web password"), w);
        assertTrue(!w.contains("hunter2"), "the password itself is never logged");
    }

    @Test
    void a_world_readable_file_without_a_password_gets_no_warning(@TempDir Path dir) throws Exception {
        assertEquals(Optional.empty(), check(dir, "mqtt:\n  url: tcp://127.0.0.1:1883\n  username: meter\n", "rw-r--r--"));
    }
}
