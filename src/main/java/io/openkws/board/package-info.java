/**
 * Board facts read from {@code hardware/<board>/board.yaml}: which metering chip on which UART or pins, the TM1622
 * lines, buttons, relay coils and their timing ({@link io.openkws.board.BoardSpec}), so a board is data, not code.
 *
 * <p>May use: {@code yaml} (the line-aware YAML reader), {@code time}, the root {@code io.openkws.UserInput}, and the value types of {@code driver.pin},
 * {@code driver.button} and {@code driver.relay} it describes. Must not use: {@code io.*} (which builds lines from
 * it), {@code meter}, {@code protect}, {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.board;
