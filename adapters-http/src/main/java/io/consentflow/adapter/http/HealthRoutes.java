package io.consentflow.adapter.http;

import io.consentflow.application.port.in.CheckHealthUseCase;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}, open to anyone: 200 while the database answers, else 503. */
final class HealthRoutes {
    private static final Logger log = LoggerFactory.getLogger(HealthRoutes.class);

    private final CheckHealthUseCase health;

    HealthRoutes(CheckHealthUseCase health) {
        this.health = health;
    }

    void register(RoutesConfig routes) {
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
        ctx.status(up ? 200 : 503).json(new HealthJson(state, state));
    }

    record HealthJson(String status, String database) {
    }
}
