package io.consentflow.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the service: configuration from the environment, a database (embedded unless told otherwise), HTTP. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Config config = Config.fromEnv();
        LOG.info("starting Consentflow: {}", config);
        // The hook is in place before anything starts: a stop during start-up still stops what has started (the
        // embedded database has no hook of its own).
        Service service = new Service();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "consentflow-shutdown"));
        exitCleanlyOnSigterm();
        service.run(config);
        LOG.info("Consentflow listening on port {}", service.port());
    }

    /**
     * SIGTERM is how a supervisor (systemd, Docker, Kubernetes) asks us to stop: once the shutdown hook has stopped
     * everything in order, that is a clean exit (0), not the JVM's 143, which systemd and others count as a failure.
     */
    private static void exitCleanlyOnSigterm() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("TERM"), signal -> {
                LOG.info("SIGTERM: stopping");
                System.exit(0); // runs the shutdown hook
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError notOnThisPlatform) {
            LOG.info("cannot handle SIGTERM here ({}): the JVM's default applies", notOnThisPlatform.toString());
        }
    }

    /**
     * A running service: its database, engine and server, stopped in reverse order. Starting and stopping hold the
     * same lock, so a stop that arrives during start-up waits for it, then stops everything.
     */
    public static final class Service implements AutoCloseable {
        private EmbeddedDatabase embedded;
        private HikariDataSource dataSource;
        private Consentflow engine;
        private Javalin server;
        private boolean closed;

        private Service() {
        }

        public static Service start(Config config) {
            Service service = new Service();
            service.run(config);
            return service;
        }

        private synchronized void run(Config config) {
            if (closed) throw new IllegalStateException("stopped before it started");
            try {
                String url = config.dbUrl();
                String user = config.dbUser();
                String password = config.dbPassword();
                if (config.embeddedDatabase()) {
                    embedded = EmbeddedDatabase.start(config.dataDir());
                    url = embedded.jdbcUrl("postgres");
                    user = embedded.user();
                    password = embedded.password();
                    LOG.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", embedded.port(),
                            config.dataDir().toAbsolutePath());
                }
                dataSource = DataSources.pool(url, user, password, config.poolSize());
                engine = Consentflow.builder(dataSource)
                        .apiKey(config.apiKey())
                        .gupshupToken(config.gupshupToken())
                        .metaVerifyToken(config.metaVerifyToken())
                        .metaAppSecret(config.metaAppSecret())
                        .metricsToken(config.metricsToken())
                        .provider(config.provider())
                        .sendConcurrency(config.sendConcurrency())
                        .sendRate(config.sendRate())
                        .webhookTimeout(config.webhookTimeout())
                        .webhookDenyPrivate(config.webhookDenyPrivate())
                        .build()
                        .startScheduler();
                dataSource.setMetricRegistry(engine.meterRegistry());
                server = engine.createServer().start(config.port());
            } catch (RuntimeException e) {
                close(); // e.g. no embedded PostgreSQL left running behind a failed start
                throw e;
            }
        }

        public synchronized int port() {
            return server.port();
        }

        /**
         * Stops in the order that loses nothing: the server stops accepting and lets requests in flight finish
         * (Jetty's graceful stop, up to 10 s); the scheduler stops and the outbox finishes its batch; then the pool
         * closes, and only then the embedded database, which all of them need until they are done. Each step runs
         * even if one before it failed; closing again (the hook after an explicit close) does nothing.
         */
        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            LOG.info("stopping: no new requests, finishing those in flight");
            if (server != null) step("the web server", server::stop);
            if (engine != null) step("the scheduler and outbox", engine::close);
            if (dataSource != null) step("the connection pool", dataSource::close);
            if (embedded != null) step("the embedded PostgreSQL", embedded::close);
            LOG.info("stopped");
        }

        private static void step(String what, Runnable stop) {
            try {
                stop.run();
            } catch (RuntimeException e) {
                LOG.warn("stopping {} failed: {}", what, e.toString());
            }
        }
    }
}
