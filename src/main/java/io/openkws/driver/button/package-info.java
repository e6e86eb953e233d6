/**
 * The four front-panel buttons: debounced presses and gestures (click, long press, auto-repeat, chords such as
 * the factory-reset + and −) from input lines, in the driver's clock time.
 *
 * <p>May use: {@code driver.pin}, {@code time}, the JDK. Knows nothing of protection, the UI, the device service
 * or any front-end; {@code io.*} provides the lines.
 */
package io.openkws.driver.button;
