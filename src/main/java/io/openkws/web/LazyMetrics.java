package io.openkws.web;

import io.openkws.service.DeviceService;

/**
 * The {@link Metrics}, built on the first scrape of {@code /metrics}.
 *
 * <p>Exists because the Prometheus client costs about 3 MB of heap once loaded (README, "Web console"): a meter
 * nobody scrapes should not pay it.
 */
final class LazyMetrics {

    private final DeviceService service;
    private final EventHub hub;
    private Metrics metrics;

    LazyMetrics(DeviceService service, EventHub hub) {
        this.service = service;
        this.hub = hub;
    }

    synchronized Metrics get() {
        if (metrics == null) {
            metrics = new Metrics(service, hub);
        }
        return metrics;
    }
}
