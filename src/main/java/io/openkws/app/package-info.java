/**
 * The assembled device: a {@link io.openkws.app.Device} built from a configuration and a board (real or
 * simulated), its control loop ({@link io.openkws.app.Controller}: meter → engine → relay and nothing else), the
 * device thread behind the device service ({@link io.openkws.app.DeviceCore}), the persisted state, the watchdog,
 * {@code simulate}'s whole-controller replay, and two front-ends that live here for now: the front panel
 * ({@link io.openkws.app.Panel}) and the terminal console ({@link io.openkws.app.TerminalConsole}). A device
 * that cannot start as configured is a {@link io.openkws.app.StartupException}.
 *
 * <p>May use every layer below it: {@code driver.*}, {@code io.*}, {@code meter.*}, {@code protect}, {@code ui},
 * {@code service} (which it implements), {@code board}, {@code config}, {@code yaml}, {@code scenario},
 * {@code store}, {@code time}, and starts the packaged front-ends ({@code export.mqtt}, {@code web},
 * {@code tuyamcu}). Must not use: {@code cli}, {@code bench}. The panel and the terminal console must not import a
 * packaged front-end's types (checked by {@code LayersPointOneWayTest}); they see the device through the service
 * and {@link io.openkws.app.Device}.
 */
package io.openkws.app;
