/**
 * The performance figures of {@code openkws bench}: trip latency (virtual and real time), control-loop and panel
 * allocation, wire throughput, LCD refresh cost, {@code simulate} speed, start-up time and memory, and the
 * long-run soak ({@code --soak}), each against its target
 * ({@link io.openkws.bench.BenchReport}). A machine a bench cannot run on is a
 * {@link io.openkws.bench.BenchSetupException}.
 *
 * <p>Measures the real code, so it may use everything below the command line: {@code app}, the front-ends,
 * {@code meter.*}, {@code protect}, {@code ui}, {@code driver.*}, {@code io.*}, {@code board}, {@code config},
 * {@code scenario}, {@code service}, {@code time}. Must not use: {@code cli} (which runs it). Nothing but {@code cli} uses it.
 */
package io.openkws.bench;
