package io.consentflow.bootstrap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The service's connection pool (HikariCP). HikariCP is an optional dependency of the library: a host that embeds
 * the engine brings its own pool, or adds HikariCP to use this.
 */
public final class DataSources {
    private DataSources() {
    }

    public static HikariDataSource pool(String jdbcUrl, String user, String password, int size) {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password);
        cfg.setMaximumPoolSize(size);
        cfg.setPoolName("consentflow");
        // Fail fast while the database is down: webhooks answer 503 instead of hanging past the provider's timeout.
        cfg.setConnectionTimeout(2_000);
        cfg.setValidationTimeout(1_000);
        // Start even if the database is briefly unavailable; /health reports it.
        cfg.setInitializationFailTimeout(-1);
        return new HikariDataSource(cfg);
    }
}
