package io.consentflow.bootstrap;

import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.RefusalReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics (Micrometer): what the use cases report through {@link Telemetry}, HTTP latency histograms
 * per route, the outbox depth, JVM and connection-pool gauges. Served at {@code GET /metrics} (see
 * {@link HttpMetrics}).
 * <p>
 * On a registry of its own (the service, or a host that gives none) it also binds the JVM's meters. On a host's
 * registry it adds only its own meters: the JVM's are the host's business, and binding them twice would leave
 * the host's gone when the engine closes. {@link #close()} takes away every meter it added.
 */
final class Metrics implements Telemetry, AutoCloseable {
    private final MeterRegistry registry;
    private final boolean ownRegistry;
    private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();
    private final List<Meter> others = new CopyOnWriteArrayList<>();
    private final Tags engineTags;
    private JvmGcMetrics gc;

    /**
     * @param hostRegistry a host's registry, or null for one of its own (Prometheus)
     * @param engineTags   added to each of the engine's meters: tells apart engines sharing a host's registry
     */
    Metrics(MeterRegistry hostRegistry, Tags engineTags) {
        this.engineTags = engineTags;
        ownRegistry = hostRegistry == null;
        registry = ownRegistry ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT) : hostRegistry;
        if (ownRegistry) {
            new JvmMemoryMetrics().bindTo(registry);
            gc = new JvmGcMetrics(); // listens to the JVM's GC notifications until closed
            gc.bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
        }
    }

    MeterRegistry registry() {
        return registry;
    }

    /** The registry {@code GET /metrics} serves, when it is a Prometheus one. */
    java.util.Optional<PrometheusMeterRegistry> prometheus() {
        return registry instanceof PrometheusMeterRegistry p ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    /** Takes away every meter this engine added and stops listening to the JVM. */
    @Override
    public void close() {
        if (gc != null) gc.close();
        if (ownRegistry) {
            registry.clear();
            registry.close();
        } else {
            meters.values().forEach(registry::remove);
            others.forEach(registry::remove);
        }
        meters.clear();
        others.clear();
    }

    /** The outbox depth, read from the database when scraped (a count over the queued-only index). */
    void watchOutbox(Outbox outbox) {
        Supplier<Number> depth = () -> {
            try {
                return outbox.depth();
            } catch (RuntimeException databaseDown) {
                return Double.NaN;
            }
        };
        others.add(Gauge.builder("consentflow_outbox_depth", depth)
                .description("outbound messages queued, not yet accepted").tags(engineTags).register(registry));
    }

    /**
     * One request of ours answered, as a latency histogram by method, route (the template, never the raw path:
     * phone numbers must not become label values) and status.
     */
    void httpRequest(String name, String method, String route, int status, long nanos) {
        timer(name, "HTTP requests by route", "method", method, "route", route, "status", String.valueOf(status))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * The meter of this name and these tags, registered on first use. Meters are looked up once per message and
     * per request; building and registering each time cost a few percent of the service's CPU per message.
     */
    private Counter counter(String name, String description, String... tags) {
        return (Counter) meters.computeIfAbsent(new MeterKey(name, List.of(tags)),
                k -> Counter.builder(name).description(description).tags(tags).tags(engineTags).register(registry));
    }

    /** A timer with a percentile histogram (Prometheus buckets). */
    private Timer timer(String name, String description, String... tags) {
        return (Timer) meters.computeIfAbsent(new MeterKey(name, List.of(tags)),
                k -> Timer.builder(name).description(description).publishPercentileHistogram().tags(tags)
                        .tags(engineTags).register(registry));
    }

    private record MeterKey(String name, List<String> tags) {
    }

    @Override
    public void inbound(InboundMessage message, boolean duplicate) {
        counter("consentflow_inbound_messages", "inbound messages received",
                "provider", message.provider(), "type", message.type().wire()).increment();
        if (duplicate) {
            counter("consentflow_inbound_duplicates", "retried deliveries dropped", "provider", message.provider())
                    .increment();
        }
    }

    /** An item of a provider callback left out as unreadable while the rest of the callback was applied. */
    void webhookItemSkipped(String provider) {
        counter("consentflow_webhook_items_skipped", "callback items left out as unreadable", "provider", provider)
                .increment();
    }

    @Override
    public void flowStarted(String flowName) {
        counter("consentflow_flow_starts", "flows started by an inbound message", "flow", flowName).increment();
    }

    @Override
    public void consentChanged(ConsentChange change) {
        counter("consentflow_consent_changes", "consent changes by method and direction",
                "method", change.method().wire(), "direction", change.to().wire()).increment();
    }

    @Override
    public void sendRefused(RefusalReason reason) {
        counter("consentflow_sends_refused", "outbound messages refused by the send policy", "reason", reason.code())
                .increment();
    }

    @Override
    public void delivered(String provider, Duration latency) {
        timer("consentflow_delivery_latency", "from queued to accepted by the provider", "provider", provider)
                .record(latency);
    }

    @Override
    public void deliveryFailed(String provider, boolean willRetry) {
        counter("consentflow_delivery_failures", "sends the provider did not accept",
                "provider", provider, "retry", String.valueOf(willRetry)).increment();
    }
}
