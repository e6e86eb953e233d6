package io.openkws.decode.ht7017;

import io.openkws.decode.DecodeEvent;
import io.openkws.driver.ht7017.Ht7017Register;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One MCU ↔ HT7017 exchange found in a capture: a read (request {@code 6A addr}, reply {@code D2 D1 D0 CS}) or a
 * write (request {@code 6A 80|addr DH DL CS}, one ACK byte).
 *
 * <p>{@code value}: for a read, the reply decoded by {@link Ht7017Register#decode} (signed for signed registers;
 * the raw 24 bits for addresses the map does not name), empty when the reply is missing or short; for a write, the
 * 16-bit value as sent. {@code checksumOk}: for a read, the chip's reply checksum; for a write, the host frame's.
 * {@code ack} is null for reads. {@code note} explains a missing reply or an odd ACK byte.
 */
public record Ht7017Transaction(int line, OptionalDouble timeSeconds, Op op, int address, OptionalInt value,
        boolean checksumOk, Ack ack, Optional<String> note) implements DecodeEvent {

    /** A read or a write. */
    public enum Op { READ, WRITE }

    /** The chip's answer to a write: 0x54 ok, 0x63 (or any other byte) error, nothing at all none. */
    public enum Ack { OK, ERROR, NONE }

    public Optional<Ht7017Register> register() {
        return Ht7017Register.at(address);
    }

    /** The fact sheet's register name, or {@code 0xNN} for an address the map does not name. */
    public String registerName() {
        return register().map(Ht7017Register::sheetName).orElse(String.format("0x%02X", address));
    }
}
