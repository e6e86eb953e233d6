package io.openkws.export.mqtt;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openkws.config.MqttConfig;
import io.openkws.protect.Event;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.Outcome;
import io.openkws.time.Clock;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The MQTT / Home Assistant front-end: a thin adapter between a {@link DeviceService} and an MQTT broker.
 *
 * <p>Exists so the meter is visible and controllable from Home Assistant without the network ever reaching the
 * control loop. It builds {@code state} from {@link DeviceService#view()}, turns {@code set/<name>} messages into
 * {@link DeviceCommand}s, answers each on {@code result} from its {@link Outcome} and right after the answers publishes
 * a {@code state} taken from a view read after the outcomes arrived (so Home Assistant's non-optimistic entities
 * never snap back). It subscribes to the service's {@link DeviceEvent}s: event lines go to {@code event} (trips and
 * alarms also to Home Assistant's event entities), a {@link DeviceEvent.Changed} publishes {@code state} at once.
 *
 * <p>Hostile and unlucky inputs: it subscribes to the exact command topics (never a wildcard under {@code set/}, so
 * the broker never forwards a topic the client library cannot decode); a client-library thread that dies or a lost
 * connection is noticed at once and the session re-established; retained commands are never applied and answered
 * once with an error; commands wait in a bounded queue and every one gets exactly one {@code result} (those that do
 * not fit are answered "dropped", never silently); {@code homeassistant/status online} floods cost at most one
 * discovery round per {@link Tuning#rediscoverySeconds()}; {@code energy} is never published lower than before in
 * this process except on a reset. Broker, TLS and credential problems never throw: they are logged once per new
 * reason, reported through {@link DeviceService#reportHealth} as part {@value #HEALTH_PART}, and retried with
 * capped exponential back-off. All MQTT work runs on the front-end's own thread.
 */
public final class MqttFrontEnd implements AutoCloseable {

    /** The {@link DeviceService#reportHealth} part name. */
    public static final String HEALTH_PART = "mqtt";

    /**
     * Queue, timing and reconnection parameters.
     *
     * @param eventQueueCapacity    event lines kept while the broker is unreachable (oldest dropped first)
     * @param minBackoffSeconds     first reconnection delay, doubled after each failure
     * @param maxBackoffSeconds     cap of the reconnection delay
     * @param commandTimeoutSeconds how long an outcome is awaited before "timed out"
     * @param commandQueueCapacity  commands waiting for the controller; more are answered "dropped"
     * @param commandsInFlight      commands handed to the controller at once
     * @param rediscoverySeconds    at most one discovery round per this many seconds on Home Assistant's birth
     */
    public record Tuning(int eventQueueCapacity, double minBackoffSeconds, double maxBackoffSeconds,
            double commandTimeoutSeconds, int commandQueueCapacity, int commandsInFlight, double rediscoverySeconds) {
        public static final Tuning DEFAULT = new Tuning(1000, 1.0, 60.0, 5.0, 4096, 64, 10.0);

        public Tuning {
            if (eventQueueCapacity < 1 || !(minBackoffSeconds > 0) || !(maxBackoffSeconds >= minBackoffSeconds)
                    || !(commandTimeoutSeconds > 0) || commandQueueCapacity < 1 || commandsInFlight < 1
                    || !(rediscoverySeconds >= 0)) {
                throw new IllegalArgumentException("bad MQTT tuning");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttFrontEnd.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IO_TIMEOUT_MS = 10_000;
    private static final int KEEPALIVE_SECONDS = 30;
    /** Paho's own bound on QoS 1 messages awaiting PUBACK; beyond it the exporter waits for the oldest. */
    static final int MAX_INFLIGHT = 1000;

    private final DeviceService service;
    private final MqttConfig config;
    private final Clock clock;
    private final Tuning tuning;
    private final Topics topics;
    private final CommandParser parser;
    private final StateJson stateJson;
    private final Discovery discovery;
    private final List<String> commandTopics;

    private final ThreadPoolExecutor worker;
    private final ThreadPoolExecutor eventThread;
    private DeviceService.Subscription subscription;
    private EmbeddedBroker broker;
    private String serverUri;

    private final ArrayDeque<Outgoing> events = new ArrayDeque<>();
    private final AtomicBoolean eventsPending = new AtomicBoolean();
    private final AtomicBoolean changedPending = new AtomicBoolean();
    private final AtomicLong droppedEvents = new AtomicLong();

    private final ArrayBlockingQueue<Inbound> inbox;
    private final Map<String, Long> droppedByName = new LinkedHashMap<>();
    private final AtomicLong droppedCommands = new AtomicLong();
    private final AtomicBoolean pumpPending = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> answeredRetained = new HashMap<>();

    private final AtomicLong publishedStates = new AtomicLong();
    private final AtomicLong publishedResults = new AtomicLong();
    private final AtomicLong discoveryRounds = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final AtomicLong sessionRestarts = new AtomicLong();
    /** The executor each client was built with, shut down when that client is closed. */
    private final Map<MqttAsyncClient, ScheduledThreadPoolExecutor> clientExecutors = new ConcurrentHashMap<>();

    private volatile boolean closed;
    private volatile MqttAsyncClient client;
    private long backoffNanos;
    private String lastProblem;
    private long lastDiscoveryNanos;
    private long lastImmediateReconnectNanos;
    private boolean discoveryScheduled;
    private double maxEnergyKWh = Double.NEGATIVE_INFINITY;
    private double maxEnergyTodayKWh = Double.NEGATIVE_INFINITY;
    private double lastYesterdayKWh = Double.NaN;
    private volatile Clock.Timer tickTimer;
    private volatile Clock.Timer reconnectTimer;

    private MqttFrontEnd(DeviceService service, MqttConfig config, Clock clock, Tuning tuning) {
        this.service = Objects.requireNonNull(service, "service");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.topics = new Topics(config.effectiveDeviceId(), config.discoveryPrefix());
        var info = service.info();
        this.parser = new CommandParser(info.settings());
        this.stateJson = new StateJson(info.settings());
        this.discovery = new Discovery(topics, info.settings(), info.version() == null ? "dev" : info.version());
        this.commandTopics = parser.commandNames().stream().map(topics::set).toList();
        this.inbox = new ArrayBlockingQueue<>(tuning.commandQueueCapacity());
        this.backoffNanos = Clock.secondsToNanos(tuning.minBackoffSeconds());
        this.lastDiscoveryNanos = clock.nanoTime() - Clock.secondsToNanos(tuning.rediscoverySeconds()) - 1;
        this.lastImmediateReconnectNanos = clock.nanoTime() - Clock.secondsToNanos(tuning.maxBackoffSeconds()) - 1;
        this.worker = singleThread("openkws-mqtt");
        this.eventThread = singleThread("openkws-mqtt-events");
    }

    /** Same as {@link #start(DeviceService, MqttConfig, Clock, Tuning)} with {@link Tuning#DEFAULT}. */
    public static MqttFrontEnd start(DeviceService service, MqttConfig config, Clock clock) {
        return start(service, config, clock, Tuning.DEFAULT);
    }

    /**
     * Starts the front-end (and, for {@code url: embedded}, the in-process broker, or uses a broker already on
     * 127.0.0.1:1883) and returns at once; connecting happens in the background. Never throws for a broker, TLS or
     * credential problem: those are a degraded state, reported through {@link DeviceService#reportHealth}.
     */
    public static MqttFrontEnd start(DeviceService service, MqttConfig config, Clock clock, Tuning tuning) {
        MqttFrontEnd front = new MqttFrontEnd(service, config, clock, tuning);
        front.begin();
        return front;
    }

    private void begin() {
        serverUri = config.embedded() ? embeddedBrokerUrl() : config.url();
        subscription = service.subscribe(eventThread, this::onDeviceEvent);
        submit(this::connect);
        scheduleTick();
    }

    private String embeddedBrokerUrl() {
        String local = "tcp://127.0.0.1:" + EmbeddedBroker.DEFAULT_PORT;
        if (portInUse(EmbeddedBroker.DEFAULT_PORT)) {
            LOG.warn("port {} on 127.0.0.1 is already in use: publishing to the broker listening there instead of "
                    + "starting the embedded one", EmbeddedBroker.DEFAULT_PORT);
            return local;
        }
        try {
            EmbeddedBroker b = new EmbeddedBroker();
            b.start();
            broker = b;
            return b.url();
        } catch (RuntimeException e) {
            problem("embedded broker did not start: " + oneLine(e.getMessage()));
            return local;
        }
    }

    public Topics topics() {
        return topics;
    }

    /** The discovery messages this front-end publishes (for tests and documentation tools). */
    public List<Discovery.Message> discoveryMessages() {
        return discovery.messages();
    }

    /** The exact topics subscribed for commands. */
    public List<String> commandTopics() {
        return commandTopics;
    }

    /** Whether the client is connected right now. */
    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** How many sessions were set up with their command subscriptions in place (1, then +1 per reconnect). */
    public long connectionCount() {
        return connections.get();
    }

    /** How many sessions were torn down because a client-library thread died under them. */
    public long sessionRestarts() {
        return sessionRestarts.get();
    }

    public long publishedStates() {
        return publishedStates.get();
    }

    public long publishedResults() {
        return publishedResults.get();
    }

    /** Discovery rounds published (one per connection, plus coalesced ones on Home Assistant's birth). */
    public long discoveryRounds() {
        return discoveryRounds.get();
    }

    /** Commands answered "dropped" because the command queue was full. */
    public long droppedCommands() {
        return droppedCommands.get();
    }

    /** Event lines dropped because the queue was full while the broker was unreachable. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Event lines waiting to be published. */
    public int queuedEvents() {
        synchronized (events) {
            return events.size();
        }
    }

    /** Publishes {@code status offline}, disconnects, stops the embedded broker; waits a few seconds at most. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        cancel(tickTimer);
        cancel(reconnectTimer);
        if (subscription != null) {
            try {
                subscription.close();
            } catch (RuntimeException e) {
                LOG.debug("unsubscribe: {}", e.toString());
            }
        }
        eventThread.shutdownNow();
        try {
            worker.execute(this::shutdownClient);
        } catch (RuntimeException ignored) {
            // worker already gone
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(IO_TIMEOUT_MS / 2, TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
                forceClose(client);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceClose(client);
        }
        if (broker != null) {
            broker.stop();
        }
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a crash or cable cut would (for tests). */
    void dropConnectionWithoutDisconnect() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
    }

    // ---------------------------------------------------------------- connection

    private void connect() {
        if (closed || connected()) {
            return;
        }
        forceClose(client);
        client = null;
        MqttConnectOptions options;
        MqttAsyncClient candidate;
        try {
            options = options();
            AtomicReference<MqttAsyncClient> owner = new AtomicReference<>();
            ScheduledThreadPoolExecutor executor = watchedExecutor(owner);
            try {
                candidate = new MqttAsyncClient(serverUri, "openkws-" + topics.deviceId(), new MemoryPersistence(),
                        new org.eclipse.paho.client.mqttv3.TimerPingSender(), executor);
            } catch (MqttException | RuntimeException e) {
                executor.shutdownNow();
                throw e;
            }
            owner.set(candidate);
            clientExecutors.put(candidate, executor);
        } catch (MqttException | RuntimeException e) {
            failed(describe(e));
            return;
        }
        candidate.setCallback(new Callback(candidate));
        try {
            candidate.connect(options).waitForCompletion(IO_TIMEOUT_MS + 2000);
        } catch (MqttException | RuntimeException e) {
            forceClose(candidate);
            failed(describeConnect(e));
            return;
        }
        client = candidate;
        backoffNanos = Clock.secondsToNanos(tuning.minBackoffSeconds());
        LOG.info("MQTT connected to {} as {}", MqttConfig.redacted(serverUri), topics.base());
        try {
            List<String> filters = new ArrayList<>(commandTopics);
            filters.add(topics.homeAssistantStatus());
            int[] qos = new int[filters.size()];
            Arrays.fill(qos, 1);
            candidate.subscribe(filters.toArray(String[]::new), qos).waitForCompletion(IO_TIMEOUT_MS);
            connections.incrementAndGet();
            publish(topics.status(), "online", 1, true, true);
            healthy();
            sendDiscovery();
            sendState(service.view());
            sendEvents();
        } catch (MqttException | RuntimeException e) {
            LOG.info("MQTT session setup failed: {}", describe(e));
            sessionBroken(candidate, "session setup failed: " + describe(e));
        }
    }

    private MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEPALIVE_SECONDS);
        options.setConnectionTimeout((int) (IO_TIMEOUT_MS / 1000));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(MAX_INFLIGHT);
        options.setWill(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        config.username().ifPresent(options::setUserName);
        config.password().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (serverUri.startsWith("ssl://")) {
            options.setSocketFactory(TlsSockets.factory(config.caFile().orElse(null), config.clientCert().orElse(null),
                    config.clientKey().orElse(null)));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        return options;
    }

    /**
     * Paho's threads (receiver, sender, callback) run on this executor, so one that dies of an exception Paho does
     * not catch (e.g. {@code Invalid UTF-8 char} on a topic outside the Basic Multilingual Plane) is seen here at
     * once instead of at the next keep-alive timeout.
     */
    private ScheduledThreadPoolExecutor watchedExecutor(AtomicReference<MqttAsyncClient> owner) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(4, runnable -> {
            Thread t = new Thread(runnable, "openkws-mqtt-paho");
            t.setDaemon(true);
            return t;
        }) {
            @Override
            protected void afterExecute(Runnable r, Throwable thrown) {
                super.afterExecute(r, thrown);
                Throwable failure = thrown;
                if (failure == null && r instanceof Future<?> f && f.isDone() && !f.isCancelled()) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        failure = e.getCause();
                    } catch (CancellationException | InterruptedException ignored) {
                        // not a crash
                    }
                }
                if (failure != null && !closed && !isShutdown()) {
                    Throwable cause = failure;
                    LOG.warn("MQTT client thread died ({}); re-establishing the session", oneLine(cause.toString()));
                    submit(() -> sessionBroken(owner.get(), "client thread died: " + oneLine(cause.toString())));
                }
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    private void sessionBroken(MqttAsyncClient broken, String reason) {
        if (closed || broken == null || broken != client) {
            return;
        }
        sessionRestarts.incrementAndGet();
        forceClose(broken);
        client = null;
        problem(reason);
        long now = clock.nanoTime();
        if (now - lastImmediateReconnectNanos >= Clock.secondsToNanos(tuning.maxBackoffSeconds())) {
            lastImmediateReconnectNanos = now;
            connect();
        } else {
            scheduleReconnect();
        }
    }

    private void failed(String reason) {
        problem(reason);
        scheduleReconnect();
    }

    /** Logs a new problem once (repeats of the same reason only at debug) and reports it as degraded health. */
    private void problem(String reason) {
        String line = oneLine(reason);
        if (!line.equals(lastProblem)) {
            LOG.warn("MQTT {}: {} (retrying, from {} s apart up to {} s)", MqttConfig.redacted(serverUri), line,
                    tuning.minBackoffSeconds(), tuning.maxBackoffSeconds());
            lastProblem = line;
        } else {
            LOG.debug("MQTT still failing: {}", line);
        }
        reportHealth(line);
    }

    private void healthy() {
        if (lastProblem != null) {
            LOG.info("MQTT working again");
        }
        lastProblem = null;
        reportHealth(null);
    }

    private void reportHealth(String problem) {
        try {
            service.reportHealth(HEALTH_PART, problem);
        } catch (RuntimeException e) {
            LOG.debug("reportHealth: {}", e.toString());
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        cancel(reconnectTimer);
        long delay = backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, Clock.secondsToNanos(tuning.maxBackoffSeconds()));
        reconnectTimer = clock.schedule(delay, () -> submit(this::connect));
    }

    /**
     * One line naming the cause, with the TLS reason when the handshake failed (e.g. an {@code ssl://} URL pointing
     * at a plain port, which the broker answers by closing the connection). Never contains credentials: Paho's
     * messages carry none and the URL is redacted.
     */
    private String describeConnect(Throwable e) {
        String line = describe(e);
        if (!serverUri.startsWith("ssl://") || line.contains("TLS")) {
            return line;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.net.ConnectException || root instanceof java.net.UnknownHostException
                || root instanceof java.net.NoRouteToHostException) {
            return line;
        }
        if (root instanceof java.io.IOException) {
            return line + "; TLS handshake failed: the broker closed the connection (is this port plain MQTT? ssl://"
                    + " needs the broker's TLS listener, usually 8883)";
        }
        return line;
    }

    /** One line naming the cause and its root, and the TLS reason when a TLS exception is in the chain. */
    static String describe(Throwable e) {
        String tls = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException && tls == null) {
                tls = t.getMessage();
            }
            root = t;
        }
        StringBuilder out = new StringBuilder();
        if (e instanceof MqttException m && m.getReasonCode() != MqttException.REASON_CODE_CLIENT_EXCEPTION) {
            out.append(m.getMessage()).append(" (").append(m.getReasonCode()).append(")");
        } else if (!(e instanceof MqttException)) {
            out.append(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        }
        if (tls != null) {
            out.append(out.isEmpty() ? "" : "; ").append("TLS handshake failed: ").append(tls);
        } else if (root != e || out.isEmpty()) {
            out.append(out.isEmpty() ? "" : ": ").append(root.getClass().getSimpleName()).append(": ")
                    .append(root.getMessage());
        }
        return oneLine(out.toString());
    }

    // ---------------------------------------------------------------- publishing

    private void scheduleTick() {
        if (closed) {
            return;
        }
        tickTimer = clock.schedule(Clock.secondsToNanos(config.intervalSeconds()), () -> {
            submit(() -> sendState(service.view()));
            scheduleTick();
        });
    }

    private void requestRediscovery() {
        if (discoveryScheduled) {
            return;
        }
        long due = lastDiscoveryNanos + Clock.secondsToNanos(tuning.rediscoverySeconds());
        long wait = due - clock.nanoTime();
        if (wait <= 0) {
            sendDiscovery();
            sendState(service.view());
            return;
        }
        discoveryScheduled = true;
        clock.schedule(wait, () -> submit(() -> {
            discoveryScheduled = false;
            sendDiscovery();
            sendState(service.view());
        }));
    }

    private void sendDiscovery() {
        if (!connected()) {
            return;
        }
        lastDiscoveryNanos = clock.nanoTime();
        discoveryRounds.incrementAndGet();
        try {
            for (Discovery.Message m : discovery.messages()) {
                publish(m.topic(), m.payload(), 1, true, false);
            }
        } catch (MqttException e) {
            LOG.info("discovery not published: {}", describe(e));
        }
    }

    private void sendState(DeviceView view) {
        if (view == null || !connected()) {
            return;
        }
        String json = stateJson.encode(view, guardEnergy(view.totals().energyKWh()),
                guardEnergyToday(view.totals().energyTodayKWh(), view.totals().energyYesterdayKWh()));
        try {
            publish(topics.state(), json, 0, false, false);
            publishedStates.incrementAndGet();
        } catch (MqttException e) {
            LOG.debug("state not published: {}", describe(e));
        }
    }

    /**
     * The lifetime energy to publish: never lower than already published in this process, unless it dropped to
     * under a tenth (a user reset from any front-end; a lost save only ever costs a small part of the total).
     */
    private double guardEnergy(double energyKWh) {
        if (!Double.isFinite(energyKWh)) {
            return energyKWh;
        }
        if (energyKWh >= maxEnergyKWh || energyKWh < maxEnergyKWh / 10) {
            maxEnergyKWh = energyKWh;
        }
        return maxEnergyKWh;
    }

    /** Today's energy, likewise; a new day (yesterday's total changed) or a reset lets it restart. */
    private double guardEnergyToday(double todayKWh, double yesterdayKWh) {
        if (!Double.isFinite(todayKWh)) {
            return todayKWh;
        }
        boolean newDay = Double.compare(yesterdayKWh, lastYesterdayKWh) != 0 && !Double.isNaN(lastYesterdayKWh);
        lastYesterdayKWh = yesterdayKWh;
        if (todayKWh >= maxEnergyTodayKWh || newDay || todayKWh < maxEnergyTodayKWh / 10) {
            maxEnergyTodayKWh = todayKWh;
        }
        return maxEnergyTodayKWh;
    }

    private void onDeviceEvent(DeviceEvent event) {
        try {
            switch (event) {
                case DeviceEvent.Logged(Event e) -> {
                    if (e instanceof Event.Reading) {
                        return;
                    }
                    enqueue(new Outgoing(topics.event(), io.openkws.service.EventJson.line(e)));
                    homeAssistantEvent(e);
                    if (eventsPending.compareAndSet(false, true)) {
                        submit(() -> {
                            eventsPending.set(false);
                            sendEvents();
                        });
                    }
                }
                case DeviceEvent.Changed ignored -> {
                    if (changedPending.compareAndSet(false, true)) {
                        submit(() -> {
                            changedPending.set(false);
                            sendState(service.view());
                        });
                    }
                }
                case DeviceEvent.Dropped(long count) -> LOG.warn("{} device events dropped before reaching MQTT", count);
            }
        } catch (RuntimeException e) {
            LOG.warn("device event not handled: {}", e.toString());
        }
    }

    /** Trips and alarms for Home Assistant's event entities ({@code {"event_type":...}} plus the figures). */
    private void homeAssistantEvent(Event e) {
        ObjectNode o = JSON.createObjectNode();
        String topic;
        switch (e) {
            case Event.Trip trip -> {
                topic = topics.tripEvent();
                o.put("event_type", trip.fault().name().toLowerCase(Locale.ROOT));
                putFinite(o, "value", trip.value());
                putFinite(o, "limit", trip.limit());
            }
            case Event.AlarmRaised raised -> {
                topic = topics.alarmEvent();
                o.put("event_type", raised.alarm().name().toLowerCase(Locale.ROOT));
                putFinite(o, "value", raised.value());
            }
            case Event.AlarmCleared cleared -> {
                topic = topics.alarmEvent();
                o.put("event_type", cleared.alarm().name().toLowerCase(Locale.ROOT) + "_cleared");
            }
            default -> {
                return;
            }
        }
        enqueue(new Outgoing(topic, o.toString()));
    }

    private static void putFinite(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        }
    }

    private void enqueue(Outgoing out) {
        synchronized (events) {
            if (events.size() >= tuning.eventQueueCapacity()) {
                events.pollFirst();
                droppedEvents.incrementAndGet();
            }
            events.addLast(out);
        }
    }

    private void sendEvents() {
        while (connected()) {
            Outgoing head;
            synchronized (events) {
                head = events.peekFirst();
            }
            if (head == null) {
                return;
            }
            try {
                publish(head.topic(), head.payload(), 1, false, true);
            } catch (MqttException e) {
                LOG.debug("event not published: {}", describe(e));
                return;
            }
            synchronized (events) {
                if (events.peekFirst() == head) {
                    events.pollFirst();
                }
            }
        }
    }

    // ---------------------------------------------------------------- commands

    /** Called on Paho's callback thread: parse (cheap, never throws), queue, wake the worker. */
    private void onCommand(String name, MqttMessage message) {
        byte[] payload = message.getPayload();
        Inbound in = message.isRetained()
                ? new Inbound(name, null, Arrays.hashCode(payload))
                : new Inbound(name, parser.parse(name, payload), 0);
        if (!inbox.offer(in)) {
            droppedCommands.incrementAndGet();
            synchronized (droppedByName) {
                droppedByName.merge(name, 1L, Long::sum);
            }
        }
        wakePump();
    }

    private void wakePump() {
        if (pumpPending.compareAndSet(false, true)) {
            submit(() -> {
                pumpPending.set(false);
                pump();
            });
        }
    }

    /** Hands queued commands to the controller (a bounded number at once) and publishes the answers that arrived. */
    private void pump() {
        List<Answer> now = new ArrayList<>();
        Inbound in;
        while (inFlight.get() < tuning.commandsInFlight() && (in = inbox.poll()) != null) {
            if (in.parsed() == null) {
                Integer before = answeredRetained.put(in.name(), in.retainedHash());
                if (before == null || before != in.retainedHash()) {
                    now.add(new Answer(in.name(), null, Outcome.refused("ignored: retained command (commands must"
                            + " not be retained; clear it with an empty retained message on " + topics.set(in.name())
                            + ")")));
                }
                continue;
            }
            switch (in.parsed()) {
                case CommandParser.Rejected r -> now.add(new Answer(r.name(), null, Outcome.refused(r.error())));
                case CommandParser.Parsed p -> dispatch(p.command());
            }
        }
        synchronized (droppedByName) {
            droppedByName.forEach((name, count) -> {
                for (long i = 0; i < count; i++) {
                    now.add(new Answer(name, null, Outcome.refused("dropped: more than "
                            + tuning.commandQueueCapacity() + " commands waiting (" + droppedCommands.get()
                            + " dropped so far)")));
                }
            });
            droppedByName.clear();
        }
        Answer done;
        while ((done = answers.poll()) != null) {
            now.add(done);
        }
        if (now.isEmpty()) {
            return;
        }
        for (Answer a : now) {
            if (a.outcome().ok() && (a.command() instanceof DeviceCommand.ResetEnergy
                    || a.command() instanceof DeviceCommand.FactoryReset)) {
                maxEnergyKWh = Double.NEGATIVE_INFINITY;
                maxEnergyTodayKWh = Double.NEGATIVE_INFINITY;
            }
        }
        DeviceView after = service.view();
        for (Answer a : now) {
            sendResult(a.name(), a.outcome());
        }
        sendState(after);
    }

    private void dispatch(DeviceCommand command) {
        inFlight.incrementAndGet();
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        try {
            CompletionStage<Outcome> stage = service.execute(command);
            if (stage == null) {
                answer.complete(Outcome.refused("internal error: no outcome"));
            } else {
                stage.whenComplete((outcome, failure) -> answer.complete(failure != null || outcome == null
                        ? Outcome.refused("internal error") : outcome));
            }
        } catch (RuntimeException e) {
            LOG.warn("device service failed on {}", command, e);
            answer.complete(Outcome.refused("internal error"));
        }
        Clock.Timer timeout = answer.isDone() ? null
                : clock.schedule(Clock.secondsToNanos(tuning.commandTimeoutSeconds()),
                        () -> answer.complete(Outcome.refused("timed out")));
        answer.thenAccept(outcome -> {
            cancel(timeout);
            answers.add(new Answer(command.name(), command, outcome));
            inFlight.decrementAndGet();
            wakePump();
        });
    }

    private void sendResult(String name, Outcome outcome) {
        if (!connected()) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", name);
        json.put("ok", outcome.ok());
        if (!outcome.ok()) {
            json.put("error", outcome.error());
        }
        try {
            publish(topics.result(), JSON.writeValueAsString(json), 1, false, false);
            publishedResults.incrementAndGet();
        } catch (MqttException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debug("result not published: {}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Publishes one message; when Paho's in-flight window is full, waits for the oldest delivery and tries again,
     * so bursts are slowed down, never dropped.
     */
    private void publish(String topic, String payload, int qos, boolean retained, boolean await)
            throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        for (int attempt = 0; ; attempt++) {
            try {
                IMqttDeliveryToken token = c.publish(topic, m);
                if (await) {
                    token.waitForCompletion(IO_TIMEOUT_MS);
                }
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || attempt > 100) {
                    throw e;
                }
                IMqttDeliveryToken[] pending = c.getPendingDeliveryTokens();
                if (pending.length > 0) {
                    pending[0].waitForCompletion(IO_TIMEOUT_MS);
                }
            }
        }
    }

    private void submit(Runnable task) {
        if (worker.isShutdown()) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.warn("MQTT task failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException ignored) {
            // closing
        }
    }

    private void shutdownClient() {
        MqttAsyncClient c = client;
        try {
            if (c != null && c.isConnected()) {
                publish(topics.status(), "offline", 1, true, true);
                c.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("clean MQTT disconnect failed: {}", e.getMessage());
        }
        forceClose(c);
    }

    /**
     * Closes {@code c} and lets the threads of the executor it was given end: Paho does not shut down an executor it
     * did not create, so without this every lost session left its threads behind (a thread leak per reconnection).
     * A plain shutdown, not an interrupting one: the closed client's tasks end with its socket, and an interrupt
     * could reach Paho while the next session connects.
     */
    private void forceClose(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            closeClient(c);
        } finally {
            ScheduledThreadPoolExecutor executor = clientExecutors.remove(c);
            if (executor != null) {
                executor.shutdown();
            }
        }
    }

    private static void closeClient(MqttAsyncClient c) {
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 500, false);
            }
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT forced disconnect: {}", e.getMessage());
        }
        try {
            c.close(true);
        } catch (MqttException | RuntimeException e) {
            LOG.debug("MQTT client close: {}", e.getMessage());
        }
    }

    private static void cancel(Clock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static ThreadPoolExecutor singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static boolean portInUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static String oneLine(String text) {
        if (text == null) {
            return "?";
        }
        String line = text.replaceAll("[\\r\\n\\t]+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    /** A command as it arrived: parsed, or (parsed == null) retained and only remembered by its payload's hash. */
    private record Inbound(String name, CommandParser.Result parsed, int retainedHash) {
    }

    /** A command's answer; {@code command} is null for those that never reached the controller. */
    private record Answer(String name, DeviceCommand command, Outcome outcome) {
    }

    private record Outgoing(String topic, String payload) {
    }

    /** Paho callbacks arrive on Paho's threads: each only hands work to the front-end's thread and never throws. */
    private final class Callback implements MqttCallback {
        private final MqttAsyncClient owner;

        Callback(MqttAsyncClient owner) {
            this.owner = owner;
        }

        @Override
        public void connectionLost(Throwable cause) {
            try {
                LOG.info("MQTT connection lost: {}", cause == null ? "?" : oneLine(cause.toString()));
                submit(() -> sessionBroken(owner, "connection lost: " + (cause == null ? "?" : describe(cause))));
            } catch (RuntimeException e) {
                LOG.debug("connectionLost: {}", e.toString());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            try {
                if (topic.equals(topics.homeAssistantStatus())) {
                    if (message.isRetained()) {
                        return;
                    }
                    String text = new String(message.getPayload(), StandardCharsets.UTF_8).strip();
                    if (text.equals("online")) {
                        submit(MqttFrontEnd.this::requestRediscovery);
                    }
                    return;
                }
                String name = topics.commandName(topic);
                if (name != null) {
                    onCommand(name, message);
                }
            } catch (RuntimeException e) {
                LOG.warn("MQTT message on a command topic not handled: {}", oneLine(e.toString()));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }
}
