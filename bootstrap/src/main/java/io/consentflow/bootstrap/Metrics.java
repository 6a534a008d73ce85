package io.consentflow.bootstrap;

import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.policy.RefusalReason;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Prometheus metrics (Micrometer): what the use cases report through {@link Telemetry}, HTTP latency histograms
 * per route, the outbox depth, JVM and connection-pool gauges. Served at {@code GET /metrics}.
 */
public final class Metrics implements Telemetry {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
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
        Gauge.builder("consentflow_outbox_depth", depth).description("outbound messages queued, not yet accepted")
                .register(registry);
    }

    /** Adds {@code GET /metrics} and a latency histogram of every request, by method, route and status. */
    void configure(JavalinConfig cfg) {
        cfg.requestLogger.http((ctx, millis) -> Timer.builder("http_server_requests")
                .tags("method", ctx.method().name(), "route", route(ctx), "status", String.valueOf(ctx.statusCode()))
                .publishPercentileHistogram()
                .register(registry)
                .record((long) (millis * 1_000_000), TimeUnit.NANOSECONDS));
        cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(registry.scrape()));
    }

    /** The route template, never the raw path: phone numbers must not become label values. */
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }

    @Override
    public void inbound(InboundMessage message, boolean duplicate) {
        Counter.builder("consentflow_inbound_messages").tags("provider", message.provider(), "type", message.type().wire())
                .description("inbound messages received").register(registry).increment();
        if (duplicate) {
            Counter.builder("consentflow_inbound_duplicates").tags("provider", message.provider())
                    .description("retried deliveries dropped").register(registry).increment();
        }
    }

    @Override
    public void flowStarted(String flowName) {
        Counter.builder("consentflow_flow_starts").tags("flow", flowName).register(registry).increment();
    }

    @Override
    public void consentChanged(ConsentChange change) {
        Counter.builder("consentflow_consent_changes")
                .tags("method", change.method().wire(), "direction", change.to().wire())
                .register(registry).increment();
    }

    @Override
    public void sendRefused(RefusalReason reason) {
        Counter.builder("consentflow_sends_refused").tags("reason", reason.code()).register(registry).increment();
    }

    @Override
    public void delivered(String provider, Duration latency) {
        Timer.builder("consentflow_delivery_latency").tags("provider", provider)
                .description("from queued to accepted by the provider").publishPercentileHistogram()
                .register(registry).record(latency);
    }

    @Override
    public void deliveryFailed(String provider, boolean willRetry) {
        Counter.builder("consentflow_delivery_failures").tags("provider", provider, "retry", String.valueOf(willRetry))
                .register(registry).increment();
    }
}
