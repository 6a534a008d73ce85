package host;

import io.consentflow.bootstrap.Consentflow;
import io.javalin.Javalin;

import javax.sql.DataSource;

/** A host service: its own pool, routes and logging; Consentflow under /consentflow. */
public final class Host implements AutoCloseable {
    private final Consentflow engine;
    private final Javalin app;

    public Host(DataSource dataSource, int port) {
        engine = Consentflow.builder(dataSource)   // migrates its own tables (schema public, consentflow_schema_history)
                .apiKey("change-me")               // Bearer key of /consentflow/api/**
                .build()
                .startScheduler();                 // wait timeouts and the outbox (or call fireDueWaits/dispatchOutbox)
        app = Javalin.create(cfg -> {
            cfg.routes.get("/orders", ctx -> ctx.result("the host's own route"));
            engine.routes("/consentflow").withHealth().addTo(cfg); // adds /consentflow/** only
        }).start("127.0.0.1", port);               // loopback: a reverse proxy in front
    }

    public String greet(String phone) {
        engine.receiveText(phone, "hi", "wamid." + phone);  // a message the host received itself
        return engine.contact(phone).orElseThrow().consent().state().wire();
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();      // requests in flight finish first
        engine.close();  // then its threads, HTTP client and meters; the DataSource stays the host's
    }
}
