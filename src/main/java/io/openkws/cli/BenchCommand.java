package io.openkws.cli;

import io.openkws.app.Simulation;
import io.openkws.bench.BenchReport;
import io.openkws.bench.Bl0937TripLatencyBench;
import io.openkws.bench.LcdBench;
import io.openkws.bench.LoopAllocationBench;
import io.openkws.bench.ReadingAges;
import io.openkws.bench.SimulateBench;
import io.openkws.bench.SoakBench;
import io.openkws.bench.StartupBench;
import io.openkws.bench.AssembledTripBench;
import io.openkws.bench.TripLatencyBench;
import io.openkws.bench.WireBench;
import io.openkws.board.BoardSpec;
import io.openkws.config.Config;
import io.openkws.driver.bl0937.Bl0937Schedule;
import io.openkws.io.sim.ht7017.FrontEnd;
import io.openkws.ui.SegmentMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openkws bench}: the performance figures of the product on this machine, with no hardware (simulated
 * board, pseudo-terminal serial path), as a table and optionally as JSON.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure serial throughput, trip latency (HT7017 on the wire, BL0937 in virtual time), LCD pin writes, loop allocation, start-up, steady-state RSS of run (embedded broker, and client of a mosquitto when one is installed) and simulation speed.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = "--trips", paramLabel = "N", defaultValue = "200", description = "Over-voltage trips to time (default: ${DEFAULT-VALUE}).")
    int trips;

    @Option(names = "--reads", paramLabel = "N", defaultValue = "500", description = "Register reads to time (default: ${DEFAULT-VALUE}).")
    int reads;

    @Option(names = "--rss-seconds", paramLabel = "S", defaultValue = "60", description = "Seconds `run` runs after its first reading before its RSS is read (default: ${DEFAULT-VALUE}; 300 for the figure of the README).")
    double rssSeconds;

    @Option(names = "--scenario-hours", paramLabel = "H", defaultValue = "1", description = "Virtual hours of the simulate benchmark (default: ${DEFAULT-VALUE}).")
    double scenarioHours;

    @Option(names = "--soak", paramLabel = "HOURS", description = "Instead of the figures: run the assembled device for HOURS of virtual time (random load, faults, commands) and report whether anything grows (a week, 168, takes about five minutes; not for CI).")
    Double soakHours;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        if (soakHours != null) {
            return soak(out);
        }
        Path home = BoardSpec.home();
        Simulation.Setup setup = Simulation.Setup.load(Config.parse("(bench)", "board: sim\n"));
        FrontEnd frontEnd = setup.frontEnd();
        SegmentMap segments = setup.segments();
        BenchReport report = new BenchReport();
        out.println(BenchReport.header());
        out.flush();

        WireBench.Result wire = WireBench.run(frontEnd, reads);
        show(out, report.add("ht7017_reads_per_s", wire.readsPerSecond(), "1/s", "", null));
        show(out, report.add("wire_limit_reads_per_s", wire.wireLimitReadsPerSecond(), "1/s", "4800 8E1", null));
        show(out, report.add("wire_ratio", wire.ratio(), "", ">= 0.95, <= 1", wire.ratio() >= 0.95 && wire.ratio() <= 1.0));

        ReadingAges ages = new ReadingAges();
        TripLatencyBench.Result trip = AssembledTripBench.run(AssembledTripBench.Variant.CONNECTED, trips, null, ages);
        show(out, report.add("trip_latency_ms_p50", trip.percentile(50), "ms", "", null));
        double p99 = trip.percentile(99);
        show(out, report.add("trip_latency_ms_p99", p99, "ms", "<= 30", p99 <= 30));
        show(out, report.add("trip_latency_ms_max", trip.percentile(100), "ms", "", null));
        show(out, report.add("trips", trip.trips(), "", ">= 200", null));
        for (ReadingAges.Quantity q : ReadingAges.Quantity.values()) {
            show(out, report.add("reading_age_ms_p50_" + q.key(), ages.percentileMs(q, 50), "ms", "", null));
            show(out, report.add("reading_age_ms_p99_" + q.key(), ages.percentileMs(q, 99), "ms", "", null));
        }
        TripLatencyBench.Result slow = AssembledTripBench.run(AssembledTripBench.Variant.SLOW_LISTENERS, trips, null);
        double slowP99 = slow.percentile(99);
        show(out, report.add("trip_latency_slow_listeners_ms_p99", slowP99, "ms", "<= 30, within 5 of p99",
                slowP99 <= 30 && slowP99 <= p99 + 5));

        double blUsualMs = Bl0937Schedule.DEFAULT.usualVoltageLatencyNanos() / 1e6;
        double blWorstMs = Bl0937Schedule.DEFAULT.worstVoltageLatencyNanos() / 1e6;
        TripLatencyBench.Result bl = Bl0937TripLatencyBench.run(2.0, trips);
        show(out, report.add("bl0937_trip_latency_ms_p50", bl.percentile(50), "ms", "virtual time, 2 A", null));
        show(out, report.add("bl0937_trip_latency_ms_max", bl.percentile(100), "ms", "<= " + blUsualMs,
                bl.percentile(100) <= blUsualMs));
        TripLatencyBench.Result blLight = Bl0937TripLatencyBench.run(0.05, trips);
        show(out, report.add("bl0937_light_load_trip_latency_ms_max", blLight.percentile(100), "ms",
                "<= " + blWorstMs + " (0.05 A)", blLight.percentile(100) <= blWorstMs));

        LcdBench.Result lcd = LcdBench.run(segments);
        show(out, report.add("lcd_full_refresh_pin_writes", lcd.fullRefreshPinWrites(), "", "", null));
        show(out, report.add("lcd_digit_update_pin_writes", lcd.digitUpdatePinWrites(), "", "< full / 4",
                lcd.digitUpdatePinWrites() * 4 < lcd.fullRefreshPinWrites()));

        LoopAllocationBench.Result alloc = LoopAllocationBench.run(ALLOC_WARMUP_SECONDS, ALLOC_MEASURE_SECONDS);
        show(out, report.add("control_loop_alloc_bytes_per_cycle", alloc.bytesPerCycle(), "B", "0",
                alloc.bytesPerCycle() == 0));
        show(out, report.add("panel_alloc_bytes_per_s", alloc.panelBytesPerSecond(), "B/s", "", null));
        show(out, report.add("device_thread_alloc_bytes_per_s", alloc.deviceBytesPerSecond(), "B/s", "", null));
        report.note("alloc_method", String.format(Locale.ROOT,
                "assembled device (run), wall clock, %d control cycles / %.0f s after %.0f s of warm-up, JVM flags %s",
                alloc.cycles(), alloc.seconds(), ALLOC_WARMUP_SECONDS,
                String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                        .filter(a -> a.startsWith("-X")).toList())));

        StartupBench.Result start = StartupBench.run(home, rssSeconds);
        show(out, report.add("startup_no_archive_ms", start.cold().startupMs(), "ms", "", null));
        StartupBench.Outcome embedded = start.embedded();
        StartupBench.Measurement first = embedded.measurement().or(() -> start.client().measurement()).orElse(null);
        if (first != null) {
            show(out, report.add("startup_ms", first.startupMs(), "ms", "<= 500", first.startupMs() <= 500));
        }
        embedded.measurement().ifPresentOrElse(
                m -> show(out, report.add("rss_mb", m.rssMb(), "MB", "<= 80", m.rssMb() <= 80)),
                () -> report.note("rss_mb", "skipped: " + embedded.skipped()));
        start.client().measurement().ifPresentOrElse(
                m -> show(out, report.add("rss_client_mb", m.rssMb(), "MB", "<= 64", m.rssMb() <= 64)),
                () -> report.note("rss_client_mb", "skipped: " + start.client().skipped()));

        SimulateBench.Result simulate = SimulateBench.run(setup, scenarioHours * 3600, false);
        show(out, report.add("simulate_virtual_s_per_wall_s", simulate.virtualSecondsPerWallSecond(), "", ">= 600",
                simulate.virtualSecondsPerWallSecond() >= 600));
        show(out, report.add("simulate_virtual_s_per_cpu_s", simulate.virtualSecondsPerCpuSecond(), "",
                "wire pace, CPU time", null));
        SimulateBench.Result forward = SimulateBench.run(setup, scenarioHours * 3600, true);
        show(out, report.add("simulate_fast_forward_virtual_s_per_cpu_s", forward.virtualSecondsPerCpuSecond(), "",
                "fast-forward, CPU time", null));

        String method = String.format(Locale.ROOT, "./openkws --installed run (board sim, web console, history), "
                + "flags %s + class-data archive; start-up from spawning to the first reading; RSS %s s after it; "
                + "startup_ms with the embedded broker%s; rss_client_mb as a client of mosquitto%s",
                String.join(" ", start.jvmFlags()), fmt(rssSeconds),
                embedded.measurement().isPresent() ? "" : " (skipped: " + embedded.skipped() + ")",
                start.client().measurement().isPresent() ? "" : " (skipped: " + start.client().skipped() + ")");
        report.note("run_jvm_flags", String.join(" ", start.jvmFlags())).note("run_method", method);
        out.println("run (startup_ms, rss_mb, rss_client_mb): " + method);
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                throw new UserError(json + ": cannot write the figures (" + e.getMessage() + ")");
            }
            out.println("wrote " + json);
        }
        out.flush();
        return 0;
    }

    /** Wall time the assembled device runs before its allocation is measured (C1 compiles the loop well within). */
    static final double ALLOC_WARMUP_SECONDS = 15;
    /** Wall time over which the control and panel threads' allocation is measured (about 36 cycles a second). */
    static final double ALLOC_MEASURE_SECONDS = 20;

    /** Virtual hours of a soak at most (a year: about nine hours of wall time). */
    static final double MAX_SOAK_HOURS = 8760;

    /** {@code --soak}: the soak figures only, through the same report (table and {@code --json}). */
    private int soak(PrintWriter out) throws IOException {
        // A week of trips and relay moves would log thousands of event lines; the soak counts them instead.
        if (System.getProperty("org.slf4j.simpleLogger.log.io.openkws") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.io.openkws", "warn");
        }
        BenchReport report = new BenchReport();
        out.println(BenchReport.header());
        out.flush();
        SoakBench.Result r = SoakBench.run(soakHours, 302, line -> {
            out.println(line);
            out.flush();
        });
        show(out, report.add("soak_virtual_hours", r.virtualHours(), "h", "", null));
        show(out, report.add("soak_virtual_s_per_wall_s", r.virtualHours() * 3600 / r.wallSeconds(), "", "", null));
        show(out, report.add("soak_heap_after_gc_start_mb", r.heapStartBytes() / 1e6, "MB", "", null));
        double heapEndMb = r.heapEndBytes() / 1e6;
        show(out, report.add("soak_heap_after_gc_end_mb", heapEndMb, "MB", "<= start + 1",
                r.heapEndBytes() - r.heapStartBytes() <= SoakBench.HEAP_TOLERANCE_BYTES));
        show(out, report.add("soak_threads_start", r.threadsStart(), "", "", null));
        show(out, report.add("soak_threads_end", r.threadsEnd(), "", "<= start", r.threadsEnd() <= r.threadsStart()));
        show(out, report.add("soak_trips", r.events().entrySet().stream().filter(e -> e.getKey().startsWith("trip"))
                .mapToLong(java.util.Map.Entry::getValue).sum(), "", "", null));
        show(out, report.add("soak_grown", r.grown().size(), "", "0", r.grown().isEmpty()));
        StringBuilder sizes = new StringBuilder();
        r.sizes().forEach((k, v) -> sizes.append(sizes.isEmpty() ? "" : "; ").append(k).append(' ').append(v.start())
                .append('/').append(v.firstHalfMax()).append('/').append(v.secondHalfMax()).append('/').append(v.end()));
        report.note("soak_sizes", "start/first-half max/second-half max/end: " + sizes)
                .note("soak_grown_items", String.join(", ", r.grown()))
                .note("soak_actions", r.actions().toString()).note("soak_events", r.events().toString())
                .note("soak_lcd_violations", Long.toString(r.lcdViolations()));
        out.println("sizes (" + report.toMap().get("soak_sizes") + ")");
        out.println("actions " + r.actions() + ", events " + r.events() + ", grown: "
                + (r.grown().isEmpty() ? "nothing" : String.join(", ", r.grown())));
        writeJson(out, report);
        out.flush();
        return 0;
    }

    private void writeJson(PrintWriter out, BenchReport report) {
        if (json != null) {
            try {
                report.writeJson(json);
            } catch (IOException e) {
                throw new UserError(json + ": cannot write the figures (" + e.getMessage() + ")");
            }
            out.println("wrote " + json);
        }
    }

    /** Trips timed at most: each costs a relay cycle of wall time, so more would only make the bench endless. */
    static final int MAX_TRIPS = 10_000;
    /** Register reads timed at most (each costs 6 byte times of wire, 14 ms at most). */
    static final int MAX_READS = 100_000;
    /** Seconds before the RSS is read, at most (an hour: the bench runs `run` twice that long). */
    static final double MAX_RSS_SECONDS = 3600;
    /** Virtual hours of the simulate benchmark at most (a day is minutes of wall time). */
    static final double MAX_SCENARIO_HOURS = 24;

    /** Refuses, in one line each and before anything runs, arguments the bench cannot honour. */
    void validate() {
        if (trips < 1 || trips > MAX_TRIPS) {
            throw new UserError("--trips must be 1 to " + MAX_TRIPS + ", not " + trips);
        }
        if (reads < 1 || reads > MAX_READS) {
            throw new UserError("--reads must be 1 to " + MAX_READS + ", not " + reads);
        }
        if (!(rssSeconds >= 1 && rssSeconds <= MAX_RSS_SECONDS)) {
            throw new UserError("--rss-seconds must be 1 to " + (int) MAX_RSS_SECONDS + ", not " + fmt(rssSeconds));
        }
        if (!(scenarioHours > 0 && scenarioHours <= MAX_SCENARIO_HOURS)) {
            throw new UserError("--scenario-hours must be above 0 and at most " + (int) MAX_SCENARIO_HOURS + ", not "
                    + scenarioHours);
        }
        if (soakHours != null && !(soakHours > 0 && soakHours <= MAX_SOAK_HOURS)) {
            throw new UserError("--soak must be above 0 and at most " + (int) MAX_SOAK_HOURS + " hours, not " + soakHours);
        }
        if (json != null) {
            Path target = json.toAbsolutePath();
            Path parent = target.getParent();
            if (Files.isDirectory(target)) {
                throw new UserError("--json " + json + ": is a directory, not a file");
            }
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UserError("--json " + json + ": directory " + parent + " does not exist");
            }
            if (Files.exists(target) ? !Files.isWritable(target) : !Files.isWritable(parent)) {
                throw new UserError("--json " + json + ": not writable");
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static void show(PrintWriter out, BenchReport report) {
        var figures = report.figures();
        out.println(BenchReport.row(figures.get(figures.size() - 1)));
        out.flush();
    }
}
