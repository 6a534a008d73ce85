package io.consentflow.adapter.http;

import io.consentflow.adapter.http.support.Json;
import io.consentflow.application.port.in.CheckHealthUseCase;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}, open to anyone: 200 while the database answers, else 503. */
final class HealthRoutes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    private final Json json;
    private final CheckHealthUseCase health;

    HealthRoutes(Json json, CheckHealthUseCase health) {
        this.json = json;
        this.health = health;
    }

    void register(JavalinDefaultRoutingApi routes) {
        routes.get("/health", this::health);
    }

    private void health(Context ctx) {
        boolean up;
        try {
            up = health.databaseUp();
        } catch (RuntimeException e) {
            log.warn("health check failed: {}", e.toString());
            up = false;
        }
        String state = up ? "up" : "down";
        json.reply(ctx.status(up ? 200 : 503), new HealthJson(state, state));
    }

    record HealthJson(String status, String database) {
    }
}
