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
        Service service = Service.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "consentflow-shutdown"));
        LOG.info("Consentflow listening on port {}", service.port());
    }

    /** A running service: its database, engine and server, closed in reverse order. */
    public static final class Service implements AutoCloseable {
        private final EmbeddedDatabase embedded;
        private final HikariDataSource dataSource;
        private final Consentflow engine;
        private final Javalin server;

        private Service(EmbeddedDatabase embedded, HikariDataSource dataSource, Consentflow engine, Javalin server) {
            this.embedded = embedded;
            this.dataSource = dataSource;
            this.engine = engine;
            this.server = server;
        }

        public static Service start(Config config) {
            EmbeddedDatabase embedded = null;
            String url = config.dbUrl();
            String user = config.dbUser();
            String password = config.dbPassword();
            if (config.embeddedDatabase()) {
                embedded = EmbeddedDatabase.start(config.dataDir());
                url = embedded.jdbcUrl("postgres");
                user = "postgres";
                password = "";
                LOG.info("embedded PostgreSQL on port {}, data in {}", embedded.port(), config.dataDir().toAbsolutePath());
            }
            HikariDataSource ds = DataSources.pool(url, user, password, config.poolSize());
            Consentflow engine = Consentflow.builder(ds)
                    .apiKey(config.apiKey())
                    .gupshupToken(config.gupshupToken())
                    .metaVerifyToken(config.metaVerifyToken())
                    .metaAppSecret(config.metaAppSecret())
                    .metricsToken(config.metricsToken())
                    .provider(config.provider())
                    .sendConcurrency(config.sendConcurrency())
                    .build()
                    .startScheduler();
            ds.setMetricRegistry(engine.meterRegistry());
            Javalin server = engine.createServer().start(config.port());
            return new Service(embedded, ds, engine, server);
        }

        public int port() {
            return server.port();
        }

        /** In-flight requests finish (Jetty's graceful stop), then the scheduler, pool and database stop. */
        @Override
        public void close() {
            server.stop();
            engine.close();
            dataSource.close();
            if (embedded != null) embedded.close();
        }
    }
}
