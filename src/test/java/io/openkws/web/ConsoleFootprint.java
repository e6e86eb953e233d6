package io.openkws.web;

import io.openkws.config.WebConfig;
import io.openkws.time.SystemClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Measures what the console costs in memory and start-up: {@code java ... ConsoleFootprint on|off SECONDS} runs the
 * fake device service with the console on (printing its URL, so clients in other processes such as {@code curl}
 * can open pages' event streams and scrape {@code /metrics}) or off, then prints the process' RSS and the console's
 * start-up time.
 *
 * <p>Exists so the README's figure can be re-measured with the JVM options {@code openkws} uses; it is a tool, not a
 * test (its numbers depend on the machine).
 */
public final class ConsoleFootprint {

    private ConsoleFootprint() {
    }

    public static void main(String[] args) throws Exception {
        boolean on = args.length > 0 && args[0].equals("on");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        FakeDeviceService service = new FakeDeviceService();
        long t0 = System.nanoTime();
        WebConsole console = on ? WebConsole.start(service, new WebConfig(Optional.of(new WebConfig.Listen(
                "127.0.0.1", 0)), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                Optional.empty(), SystemClock.instance()) : null;
        long startMillis = (System.nanoTime() - t0) / 1_000_000;
        if (on) {
            System.out.println("url " + console.url().orElseThrow());
        }
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            service.voltage(230 + i % 5);
        }
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS"))
                .findFirst().orElse("?");
        System.out.println("console " + (on ? "on" : "off") + ": start " + startMillis + " ms, streams "
                + (on ? console.openStreams() : 0) + ", " + rss.replaceAll("\\s+", " "));
        System.exit(0);
    }
}
