/**
 * The terminal calibration wizard of {@code openkws calibrate}: prompts, validated numbers, yes/no questions and a
 * progress bar ({@link io.openkws.cli.calibrate.Dialog}) driving the procedure one step at a time
 * ({@link io.openkws.cli.calibrate.CalibrationWizard}).
 *
 * <p>Lives under {@code cli} because it is only the terminal's side: the procedure itself, which a web console
 * could drive too, is {@code meter.calibration}. May use: {@code meter}, {@code meter.calibration}, the JDK. Must
 * not use: {@code app}, front-ends, {@code io.*}. Only {@code cli} uses it.
 */
package io.openkws.cli.calibrate;
