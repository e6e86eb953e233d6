/**
 * The real UARTs through jSerialComm: the HT7017, BL0942 and TuyaMCU link seams on a serial port
 * ({@link io.openkws.io.serial.SerialUart} holds what they share), and a link that reopens a port that failed. A
 * port that cannot be opened is a {@link io.openkws.io.serial.SerialPortException}.
 *
 * <p>May use: {@code driver.ht7017}, {@code driver.bl0942}, {@code driver.tuyamcu} (the seams it implements),
 * {@code time}, the root {@code io.openkws.UserInput}, jSerialComm. Must not use: {@code meter}, {@code protect},
 * {@code ui}, {@code service}, front-ends, {@code app}, {@code cli}.
 */
package io.openkws.io.serial;
