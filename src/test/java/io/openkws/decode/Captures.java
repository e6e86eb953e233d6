package io.openkws.decode;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds the capture files the tests use on the test classpath (copies of the shared captures). */
public final class Captures {

    private Captures() {
    }

    public static Path path(String name) {
        URL url = Captures.class.getResource("/captures/" + name);
        if (url == null) {
            throw new IllegalStateException("test capture missing: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
