/**
 * The meter: calibrated readings and energy totals from whichever metering chip the board has.
 *
 * <p>{@link io.openkws.meter.MeterChip} is the seam each chip implements in its own sub-package
 * ({@code meter.ht7017}, {@code meter.bl0942}); {@link io.openkws.meter.Meter} holds what every chip shares (energy
 * totals and baselines, plausibility re-reads, reset detection); {@link io.openkws.meter.ChannelScales} and
 * {@link io.openkws.meter.Trim} are every chip's software gain and offset per channel. May depend on {@code yaml}, {@code time},
 * {@code driver.uart} (the UART chips' shared driver scaffolding, for {@code UartMeterChip}) and, for the HT7017
 * calibration profile, {@code driver.ht7017}; never on protection, UI, MQTT or {@code io.*}.
 */
package io.openkws.meter;
