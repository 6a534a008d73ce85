package io.consentflow.bootstrap;

import io.javalin.config.JavalinConfig;

import java.util.function.Consumer;

/**
 * The engine's routes for a host's Javalin (7.x), under a prefix of the host's choice: the provider webhooks
 * ({@code prefix/webhooks/gupshup}, {@code prefix/webhooks/meta}) and the admin API ({@code prefix/api/v1/...}),
 * plus, when asked, {@code prefix/health} and {@code prefix/metrics}. Only routes are added: the host's JSON
 * mapper, body limit, exception handlers, before handlers and its own {@code /api/*} routes stay the host's, while
 * ours answer with our JSON, our 256 KiB limit (or the builder's {@code maxBodyBytes}), our problem bodies and our
 * API-key check. Several engines can be mounted on one app under different prefixes.
 *
 * <pre>{@code
 * Javalin.create(cfg -> {
 *     cfg.routes.get("/orders", ...);                                 // the host's own
 *     engine.routes("/consentflow").withHealth().addTo(cfg);          // ours
 * });
 * }</pre>
 */
public final class ConsentflowRoutes implements Consumer<JavalinConfig> {
    private final Consentflow engine;
    private final String prefix;
    private boolean health;
    private boolean metrics;

    ConsentflowRoutes(Consentflow engine, String prefix) {
        this.engine = engine;
        this.prefix = prefix;
    }

    /** Adds {@code GET prefix/health}: 200 {@code {"status":"up","database":"up"}}, 503 when the database is down. */
    public ConsentflowRoutes withHealth() {
        health = true;
        return this;
    }

    /**
     * Adds {@code GET prefix/metrics}, the Prometheus text of the engine's registry (behind the API key or the
     * metrics token when set). Only for an engine with a registry of its own, or whose host registry
     * ({@code meterRegistry}) is a Prometheus one: a host with another registry serves it itself.
     */
    public ConsentflowRoutes withMetrics() {
        metrics = true;
        return this;
    }

    /** Adds the routes to the host's app being configured. */
    public void addTo(JavalinConfig cfg) {
        var observer = HttpMetrics.mounted(engine.metrics());
        engine.http().mount(cfg.routes, prefix, health, observer);
        if (metrics) {
            engine.http().mountRoute(cfg.routes, prefix, "/metrics",
                    HttpMetrics.scrape(engine.metrics(), engine.apiKey(), engine.metricsToken()), observer);
        }
    }

    @Override
    public void accept(JavalinConfig cfg) {
        addTo(cfg);
    }
}
