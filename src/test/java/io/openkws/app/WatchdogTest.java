package io.openkws.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {

    @TempDir
    Path dir;

    @Test
    void a_regular_file_is_refused_and_left_as_it_was() throws Exception {
        Path file = Files.writeString(dir.resolve("watchdog"), "");
        StartupException e = assertThrows(StartupException.class, () -> Watchdog.open(file));
        assertEquals("watchdog " + file + ": not a character device (a regular file); give the watchdog device,"
                + " e.g. /dev/watchdog", e.getMessage());
        assertEquals(0, Files.size(file));
    }

    @Test
    void a_directory_is_refused() {
        StartupException e = assertThrows(StartupException.class, () -> Watchdog.open(dir));
        assertEquals("watchdog " + dir + ": not a character device (a directory); give the watchdog device,"
                + " e.g. /dev/watchdog", e.getMessage());
    }

    @Test
    void an_absent_device_cannot_be_opened() {
        Path absent = dir.resolve("watchdog0");
        StartupException e = assertThrows(StartupException.class, () -> Watchdog.open(absent));
        assertEquals("watchdog " + absent + ": cannot open (" + absent + ")", e.getMessage());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void a_character_device_is_accepted_fed_and_closed() {
        try (Watchdog w = Watchdog.open(Path.of("/dev/null"))) {
            w.feed();
        }
    }
}
