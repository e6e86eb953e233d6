package io.openkws.export.mqtt;

import io.openkws.UserError;
import io.openkws.protect.SettingSpec;
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

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Publishes the controller's state and events to an MQTT broker, announces the device to Home Assistant and
 * turns {@code set/<name>} messages into {@link Command}s for a {@link CommandHandler}.
 *
 * <p>Exists to keep the network away from the control loop. {@link #publishState} and {@link #publishEvent} only
 * store their argument and wake the exporter's own thread: they never block, never throw, and a broker that is
 * slow or gone never delays a trip. While the broker is unreachable, only the latest state is kept and events
 * wait in a bounded queue (oldest dropped and counted); the exporter reconnects with capped exponential backoff
 * and, on every connection, publishes {@code status online}, the discovery messages, the state and the queued
 * events. {@code status} is the retained last will ({@code offline}).
 *
 * <p>For {@code mqtt.url: embedded}, start an {@link EmbeddedBroker} first; {@link MqttSettings#serverUri()}
 * points at its default port.
 */
public final class MqttExporter implements AutoCloseable {

    /**
     * Queue and reconnection parameters.
     *
     * @param eventQueueCapacity events kept while the broker is unreachable
     * @param minBackoffSeconds first reconnection delay, doubled after each failure
     * @param maxBackoffSeconds cap of the reconnection delay
     * @param commandTimeoutSeconds how long a {@link CommandHandler} outcome is awaited before "timed out"
     */
    public record Tuning(int eventQueueCapacity, double minBackoffSeconds, double maxBackoffSeconds,
            double commandTimeoutSeconds) {
        public static final Tuning DEFAULT = new Tuning(1000, 1.0, 60.0, 5.0);

        public Tuning {
            if (eventQueueCapacity < 1 || !(minBackoffSeconds > 0) || !(maxBackoffSeconds >= minBackoffSeconds)
                    || !(commandTimeoutSeconds > 0)) {
                throw new IllegalArgumentException("bad MQTT tuning");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MqttExporter.class);
    private static final int MAX_PENDING_COMMANDS = 32;
    private static final long IO_TIMEOUT_MS = 10_000;
    private static final int KEEPALIVE_SECONDS = 30;

    private final MqttSettings settings;
    private final CommandHandler handler;
    private final Clock clock;
    private final Tuning tuning;
    private final Topics topics;
    private final CommandParser parser;
    private final StateJson stateJson;
    private final Discovery discovery;

    private final ExecutorService worker;
    private final AtomicReference<StateSnapshot> latestState = new AtomicReference<>();
    private final AtomicBoolean urgentPending = new AtomicBoolean();
    private final AtomicBoolean eventsPending = new AtomicBoolean();
    private final AtomicInteger pendingCommands = new AtomicInteger();
    private final ArrayDeque<String> events = new ArrayDeque<>();
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong publishedStates = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;
    private volatile boolean started;

    private MqttAsyncClient client;
    private MqttConnectOptions options;
    private long backoffNanos;
    private volatile Clock.Timer tickTimer;
    private volatile Clock.Timer reconnectTimer;

    public MqttExporter(MqttSettings settings, CommandHandler handler, List<SettingSpec> settingSpecs, Clock clock) {
        this(settings, handler, settingSpecs, clock, Tuning.DEFAULT);
    }

    public MqttExporter(MqttSettings settings, CommandHandler handler, List<SettingSpec> settingSpecs, Clock clock,
            Tuning tuning) {
        this.settings = Objects.requireNonNull(settings);
        this.handler = Objects.requireNonNull(handler);
        this.clock = Objects.requireNonNull(clock);
        this.tuning = Objects.requireNonNull(tuning);
        this.topics = new Topics(settings.deviceId(), settings.discoveryPrefix());
        this.parser = new CommandParser(settingSpecs);
        this.stateJson = new StateJson(settingSpecs);
        String version = MqttExporter.class.getPackage().getImplementationVersion();
        this.discovery = new Discovery(topics, settingSpecs, version == null ? "dev" : version);
        this.backoffNanos = Clock.secondsToNanos(tuning.minBackoffSeconds());
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "openkws-mqtt");
            thread.setDaemon(true);
            return thread;
        });
    }

    public Topics topics() {
        return topics;
    }

    /** The discovery messages this exporter publishes (for tests and for documentation tools). */
    public List<Discovery.Message> discoveryMessages() {
        return discovery.messages();
    }

    /**
     * Creates the client and starts connecting in the background; returns at once. Unreadable TLS files are a
     * {@link UserError} thrown here; an unreachable broker is not an error (the exporter keeps retrying).
     */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(KEEPALIVE_SECONDS);
        options.setConnectionTimeout((int) (IO_TIMEOUT_MS / 1000));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(64);
        options.setWill(topics.status(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        if (settings.tls()) {
            options.setSocketFactory(TlsSockets.factory(settings.caFile(), settings.clientCertFile(),
                    settings.clientKeyFile()));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        try {
            client = new MqttAsyncClient(settings.serverUri(), "openkws-" + settings.deviceId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new UserError("bad MQTT url " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        started = true;
        submit(this::connect);
        scheduleTick();
    }

    /** Same as {@code publishState(state, false)}. */
    public void publishState(StateSnapshot state) {
        publishState(state, false);
    }

    /**
     * Hands over the latest state. It goes out at the next interval, or at once when {@code urgent} (relay or
     * fault change). Never blocks, never throws; while the broker is away only the newest state is kept.
     */
    public void publishState(StateSnapshot state, boolean urgent) {
        try {
            if (state == null || closed) {
                return;
            }
            latestState.set(state);
            if (urgent && urgentPending.compareAndSet(false, true)) {
                submit(() -> {
                    urgentPending.set(false);
                    sendState();
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("state not queued: {}", e.toString());
        }
    }

    /**
     * Queues one event line (a JSON object, see the design's Events section) for the {@code event} topic. Never
     * blocks, never throws; when the queue is full the oldest event is dropped and counted.
     */
    public void publishEvent(String jsonLine) {
        try {
            if (jsonLine == null || closed) {
                return;
            }
            synchronized (events) {
                if (events.size() >= tuning.eventQueueCapacity()) {
                    events.pollFirst();
                    droppedEvents.incrementAndGet();
                }
                events.addLast(jsonLine);
            }
            if (eventsPending.compareAndSet(false, true)) {
                submit(() -> {
                    eventsPending.set(false);
                    sendEvents();
                });
            }
        } catch (RuntimeException e) {
            LOG.warn("event not queued: {}", e.toString());
        }
    }

    /** Events dropped because the queue was full while the broker was unreachable. */
    public long droppedEvents() {
        return droppedEvents.get();
    }

    /** Events waiting to be published. */
    public int queuedEvents() {
        synchronized (events) {
            return events.size();
        }
    }

    /** Whether the client is connected right now. */
    public boolean connected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    /** How many times a connection was established (1 after the first connect, +1 per reconnect). */
    public long connectionCount() {
        return connections.get();
    }

    /** How many state messages were handed to the client. */
    public long publishedStates() {
        return publishedStates.get();
    }

    /**
     * Publishes {@code status offline}, disconnects and stops the exporter's thread; waits a few seconds at most.
     */
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
        if (started) {
            try {
                worker.submit(this::shutdownClient);
            } catch (RuntimeException ignored) {
                // worker already gone
            }
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(IO_TIMEOUT_MS / 2, TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
                forceClose();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceClose();
        }
    }

    /** Drops the TCP connection without a DISCONNECT packet, as a crash or cable cut would (for tests). */
    void dropConnectionWithoutDisconnect() throws MqttException {
        client.disconnectForcibly(0, 1000, false);
    }

    private void submit(Runnable task) {
        if (worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("MQTT task failed", e);
            }
        });
    }

    private void scheduleTick() {
        if (closed) {
            return;
        }
        tickTimer = clock.schedule(Clock.secondsToNanos(settings.intervalSeconds()), () -> {
            submit(this::sendState);
            scheduleTick();
        });
    }

    private void connect() {
        if (closed || client.isConnected()) {
            return;
        }
        try {
            client.connect(options).waitForCompletion(IO_TIMEOUT_MS + 2000);
        } catch (MqttException e) {
            LOG.info("MQTT broker {} unreachable ({}); retrying in {} s", settings.serverUri(), e.getMessage(),
                    backoffNanos / 1e9);
            scheduleReconnect();
            return;
        }
        connections.incrementAndGet();
        backoffNanos = Clock.secondsToNanos(tuning.minBackoffSeconds());
        LOG.info("MQTT connected to {} as {}", settings.serverUri(), topics.base());
        try {
            client.subscribe(new String[] {topics.setFilter(), topics.homeAssistantStatus()}, new int[] {1, 1})
                    .waitForCompletion(IO_TIMEOUT_MS);
            publishAndWait(topics.status(), "online", 1, true);
            sendDiscovery();
            sendState();
            sendEvents();
        } catch (MqttException e) {
            LOG.info("MQTT session setup failed: {}", e.getMessage());
        }
    }

    private void scheduleReconnect() {
        if (closed) {
            return;
        }
        long delay = backoffNanos;
        backoffNanos = Math.min(backoffNanos * 2, Clock.secondsToNanos(tuning.maxBackoffSeconds()));
        reconnectTimer = clock.schedule(delay, () -> submit(this::connect));
    }

    private void sendDiscovery() {
        if (!client.isConnected()) {
            return;
        }
        try {
            for (Discovery.Message m : discovery.messages()) {
                publishAndWait(m.topic(), m.payload(), 1, true);
            }
        } catch (MqttException e) {
            LOG.info("discovery not published: {}", e.getMessage());
        }
    }

    private void sendState() {
        StateSnapshot state = latestState.get();
        if (state == null || !client.isConnected()) {
            return;
        }
        try {
            client.publish(topics.state(), message(stateJson.encode(state), 0, false));
            publishedStates.incrementAndGet();
        } catch (MqttException e) {
            LOG.debug("state not published: {}", e.getMessage());
        }
    }

    private void sendEvents() {
        while (client.isConnected()) {
            String head;
            synchronized (events) {
                head = events.peekFirst();
            }
            if (head == null) {
                return;
            }
            try {
                publishAndWait(topics.event(), head, 1, false);
            } catch (MqttException e) {
                LOG.debug("event not published: {}", e.getMessage());
                return;
            }
            synchronized (events) {
                if (events.peekFirst() == head) {
                    events.pollFirst();
                }
            }
        }
    }

    private void onCommand(String name, byte[] payload) {
        CommandParser.Result parsed = parser.parse(name, payload);
        switch (parsed) {
            case CommandParser.Rejected r -> sendResult(r.name(), CommandOutcome.refused(r.error()));
            case CommandParser.Parsed p -> dispatch(p.command());
        }
    }

    private void dispatch(Command command) {
        CompletableFuture<CommandOutcome> answer = new CompletableFuture<>();
        try {
            CompletionStage<CommandOutcome> stage = handler.handle(command);
            if (stage == null) {
                answer.complete(CommandOutcome.refused("internal error: no outcome"));
            } else {
                stage.whenComplete((outcome, failure) -> answer.complete(failure != null || outcome == null
                        ? CommandOutcome.refused("internal error") : outcome));
            }
        } catch (RuntimeException e) {
            LOG.warn("command handler failed on {}", command, e);
            answer.complete(CommandOutcome.refused("internal error"));
        }
        Clock.Timer timeout = answer.isDone() ? null : clock.schedule(Clock.secondsToNanos(tuning.commandTimeoutSeconds()),
                () -> answer.complete(CommandOutcome.refused("timed out")));
        answer.thenAccept(outcome -> {
            cancel(timeout);
            submit(() -> sendResult(command.name(), outcome));
        });
    }

    private void sendResult(String name, CommandOutcome outcome) {
        if (!client.isConnected()) {
            return;
        }
        var json = new java.util.LinkedHashMap<String, Object>();
        json.put("command", name);
        json.put("ok", outcome.ok());
        if (!outcome.ok()) {
            json.put("error", outcome.error());
        }
        try {
            client.publish(topics.result(), message(Json.write(json), 1, false));
        } catch (MqttException e) {
            LOG.debug("result not published: {}", e.getMessage());
        }
    }

    private void publishAndWait(String topic, String payload, int qos, boolean retained) throws MqttException {
        IMqttDeliveryToken token = client.publish(topic, message(payload, qos, retained));
        token.waitForCompletion(IO_TIMEOUT_MS);
    }

    private static MqttMessage message(String payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        m.setQos(qos);
        m.setRetained(retained);
        return m;
    }

    private void shutdownClient() {
        try {
            if (client.isConnected()) {
                publishAndWait(topics.status(), "offline", 1, true);
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            LOG.debug("clean MQTT disconnect failed: {}", e.getMessage());
        }
        forceClose();
    }

    private void forceClose() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 500, false);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("MQTT client close: {}", e.getMessage());
        }
    }

    private static void cancel(Clock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    /** Paho callbacks arrive on Paho's thread: each only hands work to the exporter's thread. */
    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            LOG.info("MQTT connection lost: {}", cause == null ? "?" : cause.toString());
            submit(MqttExporter.this::scheduleReconnect);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (topic.equals(topics.homeAssistantStatus())) {
                if ("online".equals(new String(message.getPayload(), StandardCharsets.UTF_8).strip())) {
                    submit(() -> {
                        sendDiscovery();
                        sendState();
                    });
                }
                return;
            }
            String name = topics.commandName(topic);
            if (name == null) {
                return;
            }
            if (pendingCommands.incrementAndGet() > MAX_PENDING_COMMANDS) {
                pendingCommands.decrementAndGet();
                LOG.warn("MQTT command on {} dropped: too many pending", topic);
                return;
            }
            byte[] payload = message.getPayload();
            submit(() -> {
                pendingCommands.decrementAndGet();
                onCommand(name, payload);
            });
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    private static final class Json {
        private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
                new com.fasterxml.jackson.databind.ObjectMapper();

        static String write(Map<String, Object> value) {
            try {
                return MAPPER.writeValueAsString(value);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
