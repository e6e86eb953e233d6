package io.openkws.web;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.openkws.config.WebConfig;
import io.openkws.service.DeviceService;
import io.openkws.time.Clock;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running web console: its listener(s), its live event hub and its metrics.
 *
 * <p>Exists as the one thing {@code run} starts and closes. {@link #start} never throws for a run-time problem (port
 * taken, TLS files unusable, a non-loopback address without a password): it logs one line, reports the problem
 * through {@link DeviceService#reportHealth} as part {@code web} (or {@code metrics} for the separate metrics
 * listener) and returns a console that serves nothing, so protection runs on regardless. The JDK's
 * {@code com.sun.net.httpserver} serves each request on its own virtual thread: an open event stream costs a
 * parked virtual thread and a small queue, not a platform thread.
 */
public final class WebConsole implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);

    /** The part name used in {@link DeviceService#reportHealth} for the console. */
    public static final String PART = "web";
    /** The part name for the separate metrics listener. */
    public static final String METRICS_PART = "metrics";

    private final List<HttpServer> servers;
    private final EventHub hub;
    private final ExecutorService executor;
    private final InetSocketAddress address;
    private final InetSocketAddress metricsAddress;
    private final boolean tls;

    private WebConsole(List<HttpServer> servers, EventHub hub, ExecutorService executor, InetSocketAddress address,
                       InetSocketAddress metricsAddress, boolean tls) {
        this.servers = servers;
        this.hub = hub;
        this.executor = executor;
        this.address = address;
        this.metricsAddress = metricsAddress;
        this.tls = tls;
    }

    /**
     * Starts the console as {@code config} says, over {@code service}; {@code history} feeds the History page when
     * present. Returns a console that serves nothing when {@code web.listen} is off or it cannot start.
     */
    public static WebConsole start(DeviceService service, WebConfig config, Optional<HistorySource> history,
                                   Clock clock) {
        if (config.listen().isEmpty()) {
            return inert();
        }
        WebConfig.Listen listen = config.listen().get();
        String problem = null;
        InetSocketAddress socket;
        try {
            socket = socket(listen);
            if (!socket.getAddress().isLoopbackAddress() && config.password().isEmpty()) {
                problem = "not started: listening on " + listen + " (not loopback) needs web.password";
            }
        } catch (UnknownHostException e) {
            socket = null;
            problem = "not started: unknown host in web.listen " + listen;
        }
        if (problem != null) {
            return refused(service, PART, problem);
        }
        SSLContext ssl = null;
        if (config.tls()) {
            try {
                ssl = PemTls.context(config.tlsCert().orElseThrow(), config.tlsKey().orElseThrow());
            } catch (IOException e) {
                return refused(service, PART, "not started: TLS: " + e.getMessage());
            }
        }
        StaticResources files;
        try {
            files = new StaticResources();
        } catch (IOException e) {
            return refused(service, PART, "not started: " + e.getMessage());
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("web-", 0).factory());
        EventHub hub = new EventHub(service, clock);
        LazyMetrics metrics = new LazyMetrics(service, hub);
        Sessions sessions = new Sessions(config.password(), clock);
        List<HttpServer> servers = new ArrayList<>();
        HttpServer main;
        try {
            main = server(socket, ssl, executor, new ConsoleHandler(service, sessions, hub, metrics, files, history,
                    ssl != null, false));
        } catch (IOException e) {
            hub.close();
            executor.shutdown();
            return refused(service, PART, "not started: cannot listen on " + listen + ": " + reason(e));
        }
        servers.add(main);
        InetSocketAddress bound = main.getAddress();
        String scheme = ssl != null ? "https" : "http";
        LOG.info("web console on {}://{}{}", scheme, hostForUrl(bound),
                config.password().isPresent() ? " (log-in required)" : "");
        service.reportHealth(PART, null);
        InetSocketAddress metricsBound = null;
        if (config.metricsListen().isPresent()) {
            WebConfig.Listen ml = config.metricsListen().get();
            try {
                InetSocketAddress ms = socket(ml);
                if (!ms.getAddress().isLoopbackAddress() && config.password().isEmpty()) {
                    refused(service, METRICS_PART, "not started: metrics on " + ml + " (not loopback) needs "
                            + "web.password");
                } else {
                    HttpServer m = server(ms, ssl, executor, new ConsoleHandler(service, sessions, hub, metrics,
                            files, history, ssl != null, true));
                    servers.add(m);
                    metricsBound = m.getAddress();
                    LOG.info("metrics on {}://{}/metrics", scheme, hostForUrl(metricsBound));
                    service.reportHealth(METRICS_PART, null);
                }
            } catch (IOException e) {
                refused(service, METRICS_PART, "not started: cannot listen on " + ml + ": " + reason(e));
            }
        }
        return new WebConsole(List.copyOf(servers), hub, executor, bound, metricsBound, ssl != null);
    }

    /** The address the console listens on (the real port when 0 was asked), if it runs. */
    public Optional<InetSocketAddress> address() {
        return Optional.ofNullable(address);
    }

    /** The separate metrics listener's address, if one runs. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(metricsAddress);
    }

    /** The console's base URL ({@code http://127.0.0.1:8080}), if it runs. */
    public Optional<String> url() {
        return address().map(a -> (tls ? "https" : "http") + "://" + hostForUrl(a));
    }

    /** How many pages have the live event stream open. */
    public int openStreams() {
        return hub == null ? 0 : hub.clientCount();
    }

    @Override
    public void close() {
        if (hub != null) {
            hub.close();
        }
        for (HttpServer s : servers) {
            s.stop(0);
        }
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private static WebConsole inert() {
        return new WebConsole(List.of(), null, null, null, null, false);
    }

    private static WebConsole refused(DeviceService service, String part, String problem) {
        LOG.warn("{}: {}", part.equals(PART) ? "web console" : "metrics", problem);
        service.reportHealth(part, problem);
        return inert();
    }

    private static HttpServer server(InetSocketAddress socket, SSLContext ssl, ExecutorService executor,
                                     ConsoleHandler handler) throws IOException {
        HttpServer server;
        if (ssl != null) {
            HttpsServer https = HttpsServer.create(socket, 32);
            https.setHttpsConfigurator(new HttpsConfigurator(ssl));
            server = https;
        } else {
            server = HttpServer.create(socket, 32);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return server;
    }

    private static InetSocketAddress socket(WebConfig.Listen listen) throws UnknownHostException {
        return new InetSocketAddress(InetAddress.getByName(listen.host()), listen.port());
    }

    private static String reason(IOException e) {
        return e instanceof BindException ? "address in use or not available" : e.getMessage();
    }

    private static String hostForUrl(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
