package io.consentflow.bootstrap;

import io.consentflow.adapter.http.HttpAdapter;
import io.consentflow.adapter.http.RequestObserver;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * The HTTP side of {@link Metrics}: {@code GET /metrics} and request timing, for the service's own server (every
 * request of the app) and for routes mounted on a host's app (ours only). Kept apart from {@link Metrics}, so an
 * engine used without HTTP never loads Javalin.
 */
final class HttpMetrics {
    /** The service's histogram, as documented for {@code GET /metrics}. */
    static final String SERVICE_REQUESTS = "http_server_requests";
    /**
     * On a host's app: a name of our own, since a host's registry may already have {@code http_server_requests}
     * with other tags (Micrometer's Javalin or Jetty binders), which a Prometheus registry would refuse.
     */
    static final String MOUNTED_REQUESTS = "consentflow_http_server_requests";

    private HttpMetrics() {
    }

    /**
     * Adds {@code GET /metrics} and a latency histogram of every request, by method, route and status. The metrics
     * name flows and count consent changes: when an API key or a metrics token is set, a scrape needs
     * {@code Authorization: Bearer} with either (a scraper gets the token, not the key to the admin API); when
     * neither is set they are open, as the API is.
     */
    static void configureService(Metrics metrics, JavalinConfig cfg, String apiKey, String metricsToken) {
        cfg.requestLogger.http((ctx, millis) -> metrics.httpRequest(SERVICE_REQUESTS, ctx.method().name(),
                route(ctx), ctx.statusCode(), (long) (millis * 1_000_000)));
        cfg.routes.get("/metrics", scrape(metrics, apiKey, metricsToken));
    }

    /** Times the mounted routes, each under its own route template. */
    static RequestObserver mounted(Metrics metrics) {
        return (ctx, nanos) -> metrics.httpRequest(MOUNTED_REQUESTS, ctx.method().name(), route(ctx),
                ctx.statusCode(), nanos);
    }

    /** The Prometheus text of the engine's registry, behind the API key or the metrics token when set. */
    static Handler scrape(Metrics metrics, String apiKey, String metricsToken) {
        var registry = metrics.prometheus().orElseThrow(() -> new IllegalStateException(
                "metrics: the engine's registry is the host's (meterRegistry) and not a Prometheus one; the host "
                        + "serves it"));
        return ctx -> {
            HttpAdapter.requireBearer(ctx, apiKey, metricsToken);
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
        };
    }

    /** The route template, never the raw path: phone numbers must not become label values. */
    private static String route(Context ctx) {
        try {
            return ctx.endpoint().path;
        } catch (RuntimeException noEndpoint) {
            return "unmatched";
        }
    }
}
