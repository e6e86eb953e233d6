package io.openkws.export.mqtt;

/**
 * The topic names of one device.
 *
 * <p>Exists so the exporter, Home Assistant discovery and the tests agree on every topic from one definition.
 */
public record Topics(String deviceId, String discoveryPrefix) {

    public String base() {
        return "openkws/" + deviceId + "/";
    }

    public String status() {
        return base() + "status";
    }

    public String state() {
        return base() + "state";
    }

    public String event() {
        return base() + "event";
    }

    public String result() {
        return base() + "result";
    }

    public String set(String name) {
        return base() + "set/" + name;
    }

    /** Where Home Assistant's event entity for trips listens ({@code {"event_type":"ovp",...}}). */
    public String tripEvent() {
        return base() + "event/trip";
    }

    /** Where Home Assistant's event entity for alarms listens. */
    public String alarmEvent() {
        return base() + "event/alarm";
    }

    /** Where Home Assistant announces itself (its birth message, "online"). */
    public String homeAssistantStatus() {
        return discoveryPrefix + "/status";
    }

    public String discovery(String component, String objectId) {
        return discoveryPrefix + "/" + component + "/" + deviceId + "/" + objectId + "/config";
    }

    /** The command name of a topic under {@code set/}, or null for any other topic. */
    public String commandName(String topic) {
        String prefix = base() + "set/";
        return topic.startsWith(prefix) ? topic.substring(prefix.length()) : null;
    }
}
