package io.consentflow.adapter.persistence;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationsTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();   // migrated once already
    private static Jdbi jdbi;

    @BeforeAll
    static void start() {
        jdbi = Jdbi.create(db.dataSource());
    }

    @Test
    void migratingAgainChangesNothing() {
        List<String> before = history();
        Migrations.migrate(db.dataSource());
        Migrations.migrate(db.dataSource());
        assertEquals(before, history());
        assertTrue(before.contains("1 true"), before.toString());
    }

    @Test
    void createsEveryTableWithItsSingleRows() {
        List<String> tables = jdbi.withHandle(h -> h.createQuery("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = current_schema() ORDER BY table_name").mapTo(String.class).list());
        assertTrue(tables.containsAll(List.of("consent_history", "contacts", "flow_catalog", "flows", "messages",
                "runs", "settings")), tables.toString());
        assertEquals(1, count("flow_catalog"));
        assertEquals(1, count("settings"));
    }

    private static int count(String table) {
        // the table name comes from this test, never from input
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static List<String> history() {
        return jdbi.withHandle(h -> h.createQuery("SELECT version || ' ' || success FROM flyway_schema_history "
                + "ORDER BY installed_rank").mapTo(String.class).list());
    }
}
