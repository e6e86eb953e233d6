package io.openkws.tuyamcu;

import io.openkws.config.TuyaMcuConfig;
import io.openkws.driver.tuyamcu.DataPoint;
import io.openkws.driver.tuyamcu.TuyaMcuCommands;
import io.openkws.driver.tuyamcu.TuyaMcuFrameDecoder;
import io.openkws.driver.tuyamcu.TuyaMcuFrames;
import io.openkws.driver.tuyamcu.TuyaMcuLink;
import io.openkws.io.serial.SerialTuyaMcuLink;
import io.openkws.service.DeviceCommand;
import io.openkws.service.DeviceEvent;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.openkws.service.NetworkIndicator;
import io.openkws.service.Outcome;
import io.openkws.time.Clock;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCU side of the TuyaMCU link to the meter's WiFi module, answering it as the stock PY32F firmware did: the
 * boot handshake (heartbeat, product information, working mode, network status), state reports of the KWS-302WF data
 * points on query, on every change and periodically, and the module's commands applied through the
 * {@link DeviceService}.
 *
 * <p>Exists so replacing the PY32F does not break the Smart Life app, OpenBeken, Tasmota and the automations built on
 * those data points. It is one more front-end: it only talks to the {@link DeviceService}, and a broken, silent or
 * hostile module cannot stop or delay protection. Two threads of its own: a reader that only splits bytes into frames,
 * and a worker that answers, reports and applies commands; they meet in a bounded queue whose overflow is dropped
 * and counted. A missing port, a vanished port or a silent module is reported once through
 * {@link DeviceService#reportHealth} and retried; nothing at run time throws out of it.
 */
public final class TuyaMcuBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TuyaMcuBridge.class);

    /** The part name under which problems show in {@link DeviceView#degraded()}. */
    public static final String PART = "tuyamcu";
    /** How often changed data points are reported without an event (readings drift without one). */
    public static final long REPORT_PERIOD_NANOS = 2_000_000_000L;
    /** Every this many periods all data points are reported, changed or not. */
    public static final int FULL_REPORT_PERIODS = 30;
    /** No frame from the module for this long: it is silent (the stock module sends a heartbeat every 15 s). */
    public static final long SILENCE_NANOS = 45_000_000_000L;
    /** How long after a port problem the port is opened again. */
    public static final long RETRY_NANOS = 10_000_000_000L;
    /** A pause this long on the line ends whatever frame is in progress (a frame takes under 1 ms at 115200). */
    public static final int PAUSE_MILLIS = 50;
    /** Tasks (frames, events, timers) waiting for the worker at most. */
    public static final int QUEUE_CAPACITY = 1024;

    private final DeviceService service;
    private final TuyaMcuConfig config;
    private final Clock clock;
    private final Supplier<TuyaMcuLink> opener;
    private final BlockingQueue<Runnable> tasks = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread worker;
    private final Counters counters = new Counters();
    private volatile boolean closed;
    private volatile TuyaMcuLink link;
    private volatile Thread reader;
    private DeviceService.Subscription subscription;
    private volatile Clock.Timer tickTimer;
    private volatile Clock.Timer retryTimer;

    // Worker-thread state.
    private long heartbeats;
    private boolean moduleReady;
    private boolean silent;
    private long lastFrameNanos;
    private long ticks;
    private String lastProblem;
    private boolean otaLogged;
    private final Set<Integer> unknownLogged = new HashSet<>();
    private final Map<Integer, DataPoint> lastSent = new HashMap<>();

    private TuyaMcuBridge(DeviceService service, TuyaMcuConfig config, Clock clock, Supplier<TuyaMcuLink> opener) {
        this.service = service;
        this.config = config;
        this.clock = clock;
        this.opener = opener;
        this.worker = Thread.ofPlatform().name("tuyamcu-bridge").daemon().unstarted(this::work);
    }

    /**
     * Starts the bridge on the configured jSerialComm port; with no port configured, returns a bridge that does
     * nothing. Never throws for a port problem: it is reported and retried.
     */
    public static TuyaMcuBridge start(DeviceService service, TuyaMcuConfig config, Clock clock) {
        return start(service, config, clock,
                () -> SerialTuyaMcuLink.open(config.port().orElseThrow(), config.baud()));
    }

    /**
     * Starts the bridge on the link {@code opener} gives (called again after a port problem); with no port in
     * {@code config}, returns a bridge that does nothing. {@code opener} signals a problem by throwing.
     */
    public static TuyaMcuBridge start(DeviceService service, TuyaMcuConfig config, Clock clock,
                                      Supplier<TuyaMcuLink> opener) {
        TuyaMcuBridge bridge = new TuyaMcuBridge(service, config, clock, opener);
        if (!config.enabled()) {
            bridge.closed = true;
            return bridge;
        }
        bridge.worker.start();
        bridge.subscription = service.subscribe(bridge::submit, bridge::onEvent);
        bridge.submit(bridge::openLink);
        bridge.scheduleTick();
        return bridge;
    }

    /** Whether the bridge is running (a port is configured and it was not closed). */
    public boolean running() {
        return !closed;
    }

    /** What the bridge has seen and done so far. */
    public Stats stats() {
        return counters.snapshot();
    }

    /**
     * Counts since start.
     *
     * @param frames        good frames received from the module
     * @param badChecksums  frames whose checksum failed (ignored)
     * @param skippedBytes  bytes that were not part of a frame (garbage, false starts, frames cut short)
     * @param applied       module commands handed to the device service
     * @param refused       of those, refused by the device (the value in force was reported back)
     * @param ignored       data points not applied (read-only, wrong type, unknown)
     * @param dropped       frames or events dropped because the worker's queue was full
     * @param silences      times the module went silent for {@link #SILENCE_NANOS}
     * @param otaDeclined   firmware update frames declined
     * @param reports       state frames sent
     */
    public record Stats(long frames, long badChecksums, long skippedBytes, long applied, long refused, long ignored,
                        long dropped, long silences, long otaDeclined, long reports) {
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (subscription != null) {
                subscription.close();
            }
            cancel(tickTimer);
            cancel(retryTimer);
            worker.interrupt();
            TuyaMcuLink l = link;
            if (l != null) {
                l.close();
            }
            service.showNetwork(NetworkIndicator.OFF);
            service.reportHealth(PART, null);
        } catch (RuntimeException e) {
            LOG.warn("tuyamcu: while closing: {}", e.toString());
        }
    }

    // ---- threads -------------------------------------------------------------------------------------------------

    /** Hands {@code task} to the worker; never blocks (a full queue drops it and counts). */
    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        if (!tasks.offer(task)) {
            counters.dropped.incrementAndGet();
        }
    }

    private void work() {
        while (!closed) {
            Runnable task;
            try {
                task = tasks.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (task == null || closed) {
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("tuyamcu: {}", e.toString(), e);
            }
        }
    }

    private void read(TuyaMcuLink l) {
        byte[] buffer = new byte[256];
        TuyaMcuFrameDecoder decoder = new TuyaMcuFrameDecoder(TuyaMcuFrameDecoder.EndOfInput.PAUSE);
        while (!closed && link == l) {
            int n;
            try {
                n = l.read(buffer, PAUSE_MILLIS);
            } catch (UncheckedIOException | IllegalStateException e) {
                if (!closed) {
                    String why = e instanceof UncheckedIOException u && u.getCause() != null
                            ? u.getCause().getMessage() : e.toString();
                    submit(() -> linkLost(l, why));
                }
                return;
            }
            List<TuyaMcuFrameDecoder.Decoded> found = n > 0 ? decoder.feed(buffer, 0, n)
                    : decoder.pending() > 0 ? decoder.endOfInput() : List.of();
            for (TuyaMcuFrameDecoder.Decoded d : found) {
                switch (d) {
                    case TuyaMcuFrameDecoder.Frame f when f.checksumOk() -> {
                        counters.frames.incrementAndGet();
                        submit(() -> onFrame(f));
                    }
                    case TuyaMcuFrameDecoder.Frame f -> {
                        counters.badChecksums.incrementAndGet();
                        counters.skippedBytes.addAndGet(f.end() - f.start());
                    }
                    case TuyaMcuFrameDecoder.Skipped s -> counters.skippedBytes.addAndGet(s.end() - s.start());
                }
            }
        }
    }

    // ---- link lifecycle (worker thread) ---------------------------------------------------------------------------

    private void openLink() {
        if (closed || link != null) {
            return;
        }
        TuyaMcuLink opened;
        try {
            opened = opener.get();
        } catch (RuntimeException e) {
            String why = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause().getMessage()
                    : String.valueOf(e.getMessage());
            retryTimer = clock.schedule(RETRY_NANOS, () -> submit(this::openLink));
            problem(why + " (retrying every " + RETRY_NANOS / 1_000_000_000L + " s)");
            return;
        }
        link = opened;
        if (closed) {
            opened.close();
            return;
        }
        lastFrameNanos = clock.nanoTime();
        silent = false;
        lastProblem = null;
        service.reportHealth(PART, null);
        Thread r = Thread.ofPlatform().name("tuyamcu-reader").daemon().unstarted(() -> read(opened));
        reader = r;
        r.start();
    }

    private void linkLost(TuyaMcuLink l, String why) {
        if (link != l) {
            return;
        }
        link = null;
        try {
            l.close();
        } catch (RuntimeException e) {
            LOG.debug("tuyamcu: closing a lost link: {}", e.toString());
        }
        moduleReady = false;
        service.showNetwork(NetworkIndicator.OFF);
        retryTimer = clock.schedule(RETRY_NANOS, () -> submit(this::openLink));
        problem(why + " (retrying every " + RETRY_NANOS / 1_000_000_000L + " s)");
    }

    /** The health entry (the service logs each change of it in one line). */
    private void problem(String why) {
        if (!why.equals(lastProblem)) {
            LOG.debug("tuyamcu: {}", why);
            lastProblem = why;
        }
        service.reportHealth(PART, why);
    }

    private void write(byte[] frame) {
        TuyaMcuLink l = link;
        if (l == null) {
            return;
        }
        try {
            l.write(frame);
        } catch (UncheckedIOException e) {
            linkLost(l, e.getCause() != null ? e.getCause().getMessage() : e.toString());
        }
    }

    private void send(int command, byte[] data) {
        write(TuyaMcuFrames.encode(TuyaMcuFrames.MCU_VERSION, command, data));
    }

    // ---- protocol (worker thread) ---------------------------------------------------------------------------------

    private void onFrame(TuyaMcuFrameDecoder.Frame f) {
        lastFrameNanos = clock.nanoTime();
        if (silent) {
            silent = false;
            service.reportHealth(PART, null);
        }
        byte[] data = f.data();
        switch (f.command()) {
            case TuyaMcuCommands.HEARTBEAT -> send(TuyaMcuCommands.HEARTBEAT, new byte[] {(byte) (heartbeats++ == 0 ? 0 : 1)});
            case TuyaMcuCommands.PRODUCT_INFO -> send(TuyaMcuCommands.PRODUCT_INFO, productInfo());
            case TuyaMcuCommands.WORKING_MODE -> send(TuyaMcuCommands.WORKING_MODE, new byte[0]);
            case TuyaMcuCommands.NETWORK_STATUS -> {
                send(TuyaMcuCommands.NETWORK_STATUS, new byte[0]);
                if (data.length == 1) {
                    service.showNetwork(indicator(data[0] & 0xFF));
                }
            }
            case TuyaMcuCommands.QUERY_STATUS -> {
                moduleReady = true;
                reportAll(service.view());
            }
            case TuyaMcuCommands.SEND_COMMAND -> {
                DataPoint.Parsed parsed = DataPoint.parse(data);
                parsed.error().ifPresent(e -> {
                    counters.ignored.incrementAndGet();
                    LOG.debug("tuyamcu: malformed command from the module: {}", e);
                });
                for (DataPoint dp : parsed.dps()) {
                    apply(dp);
                }
            }
            case TuyaMcuCommands.OTA_START, TuyaMcuCommands.OTA_PACKAGE -> {
                counters.otaDeclined.incrementAndGet();
                if (!otaLogged) {
                    otaLogged = true;
                    LOG.warn("tuyamcu: declined an MCU firmware update offered by the WiFi module{}: openkws is not "
                            + "updated over TuyaMCU (logged once)", data.length == 4 ? " (" + unsigned(data)
                            + " bytes)" : "");
                }
            }
            default -> {
                if (unknownLogged.add(-1 - f.command())) {
                    LOG.info("tuyamcu: module command 0x{} not handled (logged once)",
                            String.format("%02X", f.command()));
                }
            }
        }
    }

    private byte[] productInfo() {
        return ("{\"p\":\"" + config.productKey() + "\",\"v\":\"" + config.version() + "\",\"m\":2}")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Tuya network status: 0 SmartConfig, 1 AP, 6 both = pairing; 4 = cloud; 2, 3, 5 = not in the cloud. */
    static NetworkIndicator indicator(int status) {
        return switch (status) {
            case 0, 1, 6 -> NetworkIndicator.BLINKING;
            case 4 -> NetworkIndicator.ON;
            default -> NetworkIndicator.OFF;
        };
    }

    private void apply(DataPoint dp) {
        Kws302wfDps.Write w = Kws302wfDps.write(dp, service.info());
        switch (w) {
            case Kws302wfDps.Unknown u -> {
                counters.ignored.incrementAndGet();
                if (unknownLogged.add(u.dp())) {
                    LOG.info("tuyamcu: the module wrote dp{}, which openkws does not implement (logged once)", u.dp());
                }
            }
            case Kws302wfDps.Ignore i -> {
                counters.ignored.incrementAndGet();
                LOG.debug("tuyamcu: {}", i.reason());
                confirm(i.reportBack());
            }
            case Kws302wfDps.Apply a -> {
                counters.applied.incrementAndGet();
                a.clampedFrom().ifPresent(raw -> LOG.info("tuyamcu: dp{} = {} is outside openkws' range for {}, "
                        + "applying {}", dp.id(), raw, a.command().name(), describe(a)));
                try {
                    service.execute(a.command()).whenComplete((outcome, failure) ->
                            submit(() -> outcome(a, outcome, failure)));
                } catch (RuntimeException e) {
                    outcome(a, null, e);
                }
            }
        }
    }

    private static String describe(Kws302wfDps.Apply a) {
        return a.command() instanceof DeviceCommand.ChangeSetting c
                ? String.valueOf(c.value()) : a.command().toString();
    }

    private void outcome(Kws302wfDps.Apply a, Outcome outcome, Throwable failure) {
        if (failure != null || outcome == null || !outcome.ok()) {
            counters.refused.incrementAndGet();
            LOG.info("tuyamcu: {} from the module refused: {}", a.command().name(),
                    failure != null ? failure.toString() : outcome == null ? "no outcome" : outcome.error());
        }
        confirm(a.reportBack());
    }

    /** Reports data points {@code ids} as the device has them now, changed or not. */
    private void confirm(List<Integer> ids) {
        DeviceView view = service.view();
        for (int id : ids) {
            Kws302wfDps.dp(view, id).ifPresent(this::report);
        }
    }

    private void report(DataPoint dp) {
        send(TuyaMcuCommands.STATUS_REPORT, DataPoint.encode(List.of(dp)));
        lastSent.put(dp.id(), dp);
        counters.reports.incrementAndGet();
    }

    private void reportAll(DeviceView view) {
        for (DataPoint dp : Kws302wfDps.report(view)) {
            report(dp);
        }
    }

    private void reportChanged(DeviceView view) {
        for (DataPoint dp : Kws302wfDps.report(view)) {
            if (!dp.equals(lastSent.get(dp.id()))) {
                report(dp);
            }
        }
    }

    // ---- events and time (worker thread) --------------------------------------------------------------------------

    private void onEvent(DeviceEvent event) {
        if (!moduleReady || link == null) {
            return;
        }
        switch (event) {
            case DeviceEvent.Changed c -> reportChanged(c.view());
            case DeviceEvent.Dropped d -> reportChanged(service.view());
            case DeviceEvent.Logged l -> {
            }
        }
    }

    /** Ticks are rescheduled on the clock's side, so a virtual clock jumping ahead runs every one of them. */
    private void scheduleTick() {
        if (!closed) {
            tickTimer = clock.schedule(REPORT_PERIOD_NANOS, () -> {
                submit(this::tick);
                scheduleTick();
            });
        }
    }

    private void tick() {
        ticks++;
        if (link != null && !silent && clock.nanoTime() - lastFrameNanos >= SILENCE_NANOS) {
            silent = true;
            moduleReady = false;
            counters.silences.incrementAndGet();
            service.showNetwork(NetworkIndicator.OFF);
            service.reportHealth(PART, "no frame from the WiFi module for " + SILENCE_NANOS / 1_000_000_000L
                    + " s");
        }
        if (moduleReady && link != null) {
            DeviceView view = service.view();
            if (ticks % FULL_REPORT_PERIODS == 0) {
                reportAll(view);
            } else {
                reportChanged(view);
            }
        }
    }

    private static void cancel(Clock.Timer timer) {
        if (timer != null) {
            timer.cancel();
        }
    }

    private static long unsigned(byte[] data) {
        long v = 0;
        for (byte b : data) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }

    /** The bridge's counters, shared between its two threads. */
    private static final class Counters {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong badChecksums = new AtomicLong();
        final AtomicLong skippedBytes = new AtomicLong();
        final AtomicLong applied = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong ignored = new AtomicLong();
        final AtomicLong dropped = new AtomicLong();
        final AtomicLong silences = new AtomicLong();
        final AtomicLong otaDeclined = new AtomicLong();
        final AtomicLong reports = new AtomicLong();

        Stats snapshot() {
            return new Stats(frames.get(), badChecksums.get(), skippedBytes.get(), applied.get(), refused.get(),
                    ignored.get(), dropped.get(), silences.get(), otaDeclined.get(), reports.get());
        }
    }
}
