package io.consentflow.bootstrap;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The service's own server: a Javalin app that is all Consentflow's (what {@link Main} runs). */
final class ServiceServer {
    private ServiceServer() {
    }

    static void configure(Consentflow engine, JavalinConfig cfg) {
        engine.http().configure(cfg);
        HttpMetrics.configureService(engine.metrics(), cfg, engine.apiKey(), engine.metricsToken());
    }

    static Javalin create(Consentflow engine) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            engine.http().configureServer(cfg); // before gracefulStop: the graceful handler stays outermost
            gracefulStop(cfg);
            configure(engine, cfg);
        });
    }

    static void gracefulStop(JavalinConfig cfg) {
        cfg.jetty.modifyServer(server -> {
            GracefulHandler graceful = new GracefulHandler();
            graceful.setHandler(server.getHandler());
            server.setHandler(graceful);
            server.setStopTimeout(10_000);
        });
    }
}
