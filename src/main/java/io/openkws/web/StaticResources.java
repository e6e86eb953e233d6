package io.openkws.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The page's files, read once from the jar: the console's own under {@code /web/} and uPlot from its WebJar.
 *
 * <p>Exists so the console works with no internet (no CDN) and serves a fixed, known set of paths: nothing a request
 * names is ever looked up on disk or in the class path, so there is no path traversal to get wrong.
 */
final class StaticResources {

    /** A file to serve. */
    record Resource(byte[] body, String contentType) {
    }

    private final Map<String, Resource> files = new HashMap<>();

    StaticResources() throws IOException {
        add("/", "/web/index.html", "text/html; charset=utf-8");
        add("/app.js", "/web/app.js", "text/javascript; charset=utf-8");
        add("/style.css", "/web/style.css", "text/css; charset=utf-8");
        add("/favicon.svg", "/web/favicon.svg", "image/svg+xml");
        String uplot = "/META-INF/resources/webjars/uplot/" + webJarVersion("uplot") + "/dist/";
        add("/uplot/uPlot.iife.min.js", uplot + "uPlot.iife.min.js", "text/javascript; charset=utf-8");
        add("/uplot/uPlot.min.css", uplot + "uPlot.min.css", "text/css; charset=utf-8");
    }

    Optional<Resource> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    private void add(String path, String resource, String type) throws IOException {
        try (InputStream in = StaticResources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing resource " + resource + " (a broken build?)");
            }
            files.put(path, new Resource(in.readAllBytes(), type));
        }
    }

    private static String webJarVersion(String name) throws IOException {
        String props = "/META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        try (InputStream in = StaticResources.class.getResourceAsStream(props)) {
            if (in == null) {
                throw new IOException("missing WebJar " + name + " (a broken build?)");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }
}
