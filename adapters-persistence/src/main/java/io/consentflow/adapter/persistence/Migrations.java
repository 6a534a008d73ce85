package io.consentflow.adapter.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Brings the schema up to date with the SQL files in {@code db/migration}. Safe to run on every start and from
 * several instances at once: Flyway holds a database lock while it migrates and applies each file once.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    public static void migrate(DataSource dataSource) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        if (result.migrationsExecuted == 0) {
            LOG.info("database schema is up to date");
        } else {
            LOG.info("applied {} migration(s); database schema at version {}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }
}
