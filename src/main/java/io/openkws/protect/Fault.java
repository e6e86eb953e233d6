package io.openkws.protect;

/**
 * The conditions the protection engine trips on; the names are the {@code fault} values of the event log.
 *
 * <p>Exists so events, MQTT problem sensors and the engine name faults the same way.
 */
public enum Fault {
    /** Over-voltage: V &gt; overVoltage limit. */
    OVP,
    /** Under-voltage (also mains loss): V &lt; underVoltage limit. */
    UVP,
    /** Over-current: I &gt; overCurrent limit (instant level I &ge; instantFactor &times; limit). */
    OCP,
    /** Over-power: P &gt; overPower limit. */
    OPP,
    /** No valid reading for meterTimeout seconds. */
    METER_LOST;

    /** Whether this is an overload fault (latches or retries) rather than a supply fault (auto-restores). */
    public boolean isOverload() {
        return this == OCP || this == OPP;
    }
}
