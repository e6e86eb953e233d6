package io.openkws.web;

import io.openkws.protect.Alarm;
import io.openkws.protect.Fault;
import io.openkws.service.DeviceService;
import io.openkws.service.DeviceView;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Prometheus' view of the meter, in the text exposition format, named per Prometheus' naming guide (issue 17).
 *
 * <p>Exists so many meters scale out on the tools users already run (Prometheus, VictoriaMetrics, Grafana) with no
 * aggregation layer of our own. Every value is read from one {@link DeviceService#view()} per scrape (callbacks, no
 * copies kept), so a scrape always sees one consistent moment; the energy counter is the same lifetime total MQTT
 * publishes, in joules. Trip counts are counted by the console from the event stream since it started (a counter
 * reset on restart, which Prometheus' {@code rate()} handles).
 */
final class Metrics {

    private static final double JOULES_PER_KWH = 3.6e6;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final DeviceService service;
    private final EventHub events;
    private volatile DeviceView scrapeView;

    Metrics(DeviceService service, EventHub events) {
        this.service = service;
        this.events = events;
        reading("openkws_voltage_volts", "Mains voltage (RMS)", DeviceView.Measurement::voltageV);
        reading("openkws_current_amperes", "Load current (RMS)", DeviceView.Measurement::currentA);
        reading("openkws_power_watts", "Active power", DeviceView.Measurement::powerW);
        reading("openkws_apparent_power_voltamperes", "Apparent power", DeviceView.Measurement::apparentPowerVA);
        reading("openkws_reactive_power_voltamperes_reactive", "Reactive power",
                DeviceView.Measurement::reactivePowerVar);
        reading("openkws_power_factor_ratio", "Power factor", DeviceView.Measurement::powerFactor);
        reading("openkws_frequency_hertz", "Mains frequency", DeviceView.Measurement::frequencyHz);
        CounterWithCallback.builder().name("openkws_energy_joules_total")
                .help("Energy through the meter since the last user reset (the total MQTT publishes, in joules)")
                .callback(cb -> cb.call(view().totals().energyKWh() * JOULES_PER_KWH)).register(registry);
        GaugeWithCallback.builder().name("openkws_relay_closed").help("1 when the relay's contacts are closed")
                .callback(cb -> cb.call(view().relayClosed() ? 1 : 0)).register(registry);
        GaugeWithCallback.builder().name("openkws_fault_active").help("1 while the fault is active")
                .labelNames("fault").callback(cb -> {
                    DeviceView v = view();
                    for (Fault f : Fault.values()) {
                        cb.call(v.faults().contains(f) ? 1 : 0, f.name());
                    }
                }).register(registry);
        GaugeWithCallback.builder().name("openkws_alarm_active").help("1 while the alarm is active")
                .labelNames("alarm").callback(cb -> {
                    DeviceView v = view();
                    for (Alarm a : Alarm.values()) {
                        cb.call(v.alarms().contains(a) ? 1 : 0, a.name());
                    }
                }).register(registry);
        CounterWithCallback.builder().name("openkws_trips_total").help("Trips since openkws started, by fault")
                .labelNames("fault").callback(cb -> {
                    for (Fault f : Fault.values()) {
                        cb.call(events.trips(f), f.name());
                    }
                }).register(registry);
        counter("openkws_meter_bad_frames_total", "Bad frames from the metering chip", DeviceView::badFrames);
        Info build = Info.builder().name("openkws_build_info").help("The openkws version")
                .labelNames("version").register(registry);
        build.setLabelValues(service.info().version());
    }

    /** The metrics text and its content type. */
    synchronized byte[] scrape() throws IOException {
        scrapeView = service.view();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            writer.write(out, registry.scrape());
            return out.toByteArray();
        } finally {
            scrapeView = null;
        }
    }

    String contentType() {
        return writer.getContentType();
    }

    private DeviceView view() {
        DeviceView v = scrapeView;
        return v != null ? v : service.view();
    }

    private void reading(String name, String help, ToDoubleFunction<DeviceView.Measurement> value) {
        GaugeWithCallback.builder().name(name).help(help + "; absent while there is no valid reading")
                .callback(cb -> {
                    DeviceView.Measurement m = view().reading();
                    if (m != null && Double.isFinite(value.applyAsDouble(m))) {
                        cb.call(value.applyAsDouble(m));
                    }
                }).register(registry);
    }

    private void counter(String name, String help, ToLongFunction<DeviceView> value) {
        CounterWithCallback.builder().name(name).help(help).callback(cb -> cb.call(value.applyAsLong(view())))
                .register(registry);
    }
}
