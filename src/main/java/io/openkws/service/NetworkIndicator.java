package io.openkws.service;

/**
 * The LCD's {@code wifi} icon as a network front-end (the TuyaMCU bridge) reports it.
 *
 * <p>Exists so the bridge can light the icon without knowing the panel: it tells the service, the panel shows it.
 */
public enum NetworkIndicator {
    /** Not connected, or no network front-end. */
    OFF,
    /** Being configured (pairing). */
    BLINKING,
    /** Connected to the cloud. */
    ON
}
