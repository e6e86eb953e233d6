package io.openkws.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Warns when a configuration file that holds a password (MQTT or web console) can be read by other users of the
 * machine.
 *
 * <p>Exists because the password sits in the file in clear text (Paho needs it as such) and a Pi often has
 * other accounts or services: the file should be readable by its owner only. Only a warning: refusing to start
 * would leave a meter unprotected over a file mode. File systems without POSIX permissions are not checked.
 */
public final class SecretFilePermissions {

    private SecretFilePermissions() {
    }

    /** The warning line for {@code file} holding {@code config}, or empty when there is nothing to say. */
    public static Optional<String> warning(Path file, Config config) {
        boolean mqtt = config.mqtt().password().isPresent();
        boolean web = config.web().password().isPresent();
        if (!mqtt && !web) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        boolean group = permissions.contains(PosixFilePermission.GROUP_READ);
        boolean others = permissions.contains(PosixFilePermission.OTHERS_READ);
        if (!group && !others) {
            return Optional.empty();
        }
        String who = group && others ? "group and others" : group ? "its group" : "others";
        String what = mqtt && web ? "the MQTT and web passwords" : mqtt ? "the MQTT password" : "the web password";
        return Optional.of(file + " holds " + what + " and is readable by " + who + " ("
                + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
    }
}
