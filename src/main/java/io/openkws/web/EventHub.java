package io.openkws.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.protect.Event;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.Glass;
import io.openkws.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's live side: it subscribes once to the device service and fans out to every open page over
 * Server-Sent Events, keeps a bounded ring of recent event-log lines and of power samples, and counts trips.
 *
 * <p>Exists so any number of open pages cost one subscription and one timer, not one each, and so a slow or dead
 * browser can never hold up anything: each page has a bounded queue, and a page that falls behind is disconnected
 * (its script reconnects and gets the ring again). Periodic readings are not announced by the service, so a timer
 * on the injected {@link Clock} pushes the view every second and the glass whenever its RAM changed, only while a
 * page is open.
 */
final class EventHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    /** Event-log lines kept for the Events page and the download. */
    static final int RING_EVENTS = 500;
    /** Power samples kept for the History page: one every {@link #SAMPLE_NANOS}, six hours. */
    static final int RING_SAMPLES = 2160;
    static final long TICK_NANOS = 250_000_000L;
    static final long SAMPLE_NANOS = 10_000_000_000L;
    private static final int STATE_EVERY_TICKS = 4;
    private static final int HEARTBEAT_EVERY_TICKS = 60;
    private static final int CLIENT_QUEUE = 256;
    /** A message that ends a client's stream. */
    static final String END = new String("end");

    private final DeviceService service;
    private final Clock clock;
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("web-events").factory());
    private final DeviceService.Subscription subscription;
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final ArrayDeque<double[]> samples = new ArrayDeque<>();
    private final Map<Fault, AtomicLong> trips = new EnumMap<>(Fault.class);
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final long startNanos;
    private volatile Clock.Timer timer;
    private volatile boolean closed;
    private long ticks;
    private long nextSampleNanos;
    private String lastGlassHex = "";

    EventHub(DeviceService service, Clock clock) {
        this.service = service;
        this.clock = clock;
        for (Fault f : Fault.values()) {
            trips.put(f, new AtomicLong());
        }
        this.startNanos = clock.nanoTime();
        this.nextSampleNanos = startNanos;
        this.subscription = service.subscribe(delivery, this::onDeviceEvent);
        schedule();
    }

    /** A page's stream: messages in SSE wire format, {@link #END} to finish. */
    static final class Client {
        final BlockingQueue<String> queue = new ArrayBlockingQueue<>(CLIENT_QUEUE);
        volatile boolean overflowed;

        void offer(String message) {
            if (!queue.offer(message)) {
                overflowed = true;
                queue.clear();
                queue.offer(END);
            }
        }
    }

    /** Registers a page; its queue already holds the retry hint, the ring, the view and the glass. */
    Client open() {
        Client c = new Client();
        synchronized (ring) {
            c.offer("retry: 2000\n\n");
            ArrayNode lines = Json.MAPPER.createArrayNode();
            for (String line : ring) {
                lines.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(line));
            }
            c.offer(sse("history", lines.toString()));
            c.offer(sse("state", Json.view(service.view()).toString()));
            service.glass().ifPresent(g -> c.offer(sse("glass", glassJson(g))));
            clients.add(c);
        }
        return c;
    }

    void close(Client c) {
        clients.remove(c);
    }

    int clientCount() {
        return clients.size();
    }

    /** The recent event-log lines, oldest first. */
    List<String> recentEvents() {
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    /** Power samples {@code [secondsAgo, watts]} (watts NaN without a reading), oldest first. */
    ArrayNode powerSamples() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        long now = clock.nanoTime();
        synchronized (samples) {
            for (double[] s : samples) {
                ArrayNode p = out.addArray();
                p.add(Math.round((now - (long) s[0]) / 1e9));
                if (Double.isFinite(s[1])) {
                    p.add(s[1]);
                } else {
                    p.addNull();
                }
            }
        }
        return out;
    }

    long trips(Fault fault) {
        return trips.get(fault).get();
    }

    static String glassJson(Glass g) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("ram", g.ramHex());
        o.put("svg", g.svg());
        return o.toString();
    }

    private void onDeviceEvent(DeviceEvent event) {
        switch (event) {
            case DeviceEvent.Logged(Event e) -> {
                if (e instanceof Event.Trip trip) {
                    trips.get(trip.fault()).incrementAndGet();
                }
                String line = io.openkws.service.EventJson.line(e);
                synchronized (ring) {
                    if (ring.size() == RING_EVENTS) {
                        ring.removeFirst();
                    }
                    ring.addLast(line);
                    broadcast(sse("log", line));
                }
            }
            case DeviceEvent.Changed(DeviceView view) -> broadcast(sse("state", Json.view(view).toString()));
            case DeviceEvent.Dropped(long count) -> broadcast(sse("dropped", Long.toString(count)));
        }
    }

    private void broadcast(String message) {
        for (Client c : clients) {
            c.offer(message);
            if (c.overflowed) {
                clients.remove(c);
            }
        }
    }

    private void schedule() {
        if (!closed) {
            timer = clock.schedule(TICK_NANOS, this::tick);
        }
    }

    private void tick() {
        try {
            long now = clock.nanoTime();
            if (now >= nextSampleNanos) {
                nextSampleNanos = now + SAMPLE_NANOS;
                DeviceView.Measurement m = service.view().reading();
                synchronized (samples) {
                    if (samples.size() == RING_SAMPLES) {
                        samples.removeFirst();
                    }
                    samples.addLast(new double[] {now, m == null ? Double.NaN : m.powerW()});
                }
            }
            if (!clients.isEmpty()) {
                ticks++;
                service.glass().ifPresent(g -> {
                    String hex = g.ramHex();
                    if (!hex.equals(lastGlassHex)) {
                        lastGlassHex = hex;
                        broadcast(sse("glass", glassJson(g)));
                    }
                });
                if (ticks % STATE_EVERY_TICKS == 0) {
                    broadcast(sse("state", Json.view(service.view()).toString()));
                }
                if (ticks % HEARTBEAT_EVERY_TICKS == 0) {
                    broadcast(": keep-alive\n\n");
                }
            } else {
                lastGlassHex = "";
            }
        } catch (RuntimeException e) {
            LOG.warn("web console: live update failed: {}", e.toString());
        } finally {
            schedule();
        }
    }

    static String sse(String event, String data) {
        return "event: " + event + "\ndata: " + data.replace("\n", "\ndata: ") + "\n\n";
    }

    long uptimeNanos() {
        return clock.nanoTime() - startNanos;
    }

    @Override
    public void close() {
        closed = true;
        Clock.Timer t = timer;
        if (t != null) {
            t.cancel();
        }
        subscription.close();
        for (Client c : clients) {
            c.queue.clear();
            c.queue.offer(END);
        }
        clients.clear();
        delivery.shutdown();
    }
}
