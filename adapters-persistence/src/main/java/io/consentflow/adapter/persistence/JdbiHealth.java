package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.DatabaseHealth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code SELECT 1} with a two-second statement timeout; any failure means down. */
final class JdbiHealth implements DatabaseHealth {
    static final int TIMEOUT_SECONDS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(JdbiHealth.class);

    private final Database db;

    JdbiHealth(Database db) {
        this.db = db;
    }

    @Override
    public boolean up() {
        try {
            return db.withHandle(h -> h.createQuery("SELECT 1").setQueryTimeout(TIMEOUT_SECONDS)
                    .mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            LOG.debug("database health check failed", e);
            return false;
        }
    }
}
