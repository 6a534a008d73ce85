package io.consentflow.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    @Test
    void theHistoryIsOursAndTheMigrationsAreNamespaced() {
        assertTrue(tableExists(jdbi, "public", Migrations.HISTORY_TABLE));
        assertFalse(tableExists(jdbi, "public", "flyway_schema_history"));
        // a host's Flyway at its default location (classpath:db/migration) never sees our files
        assertNull(Migrations.class.getResource("/db/migration/V1__consentflow.sql"));
        assertNotNull(Migrations.class.getResource("/" + Migrations.LOCATION + "/V1__consentflow.sql"));
    }

    /** A host with its own Flyway (default location and history table) and its own V1 on the same schema. */
    @Test
    void aHostsOwnMigrationsShareTheSchema() {
        try (TestDatabase shared = TestDatabase.empty()) {
            Flyway host = Flyway.configure().dataSource(shared.dataSource()).load();
            host.migrate();                                   // the host first: the schema is no longer empty
            Migrations.migrate(shared.dataSource());
            host.migrate();                                   // and again, both ways round
            Migrations.migrate(shared.dataSource());
            host.validate();
            Jdbi j = Jdbi.create(shared.dataSource());
            assertEquals(List.of("1 host orders"), j.withHandle(h -> h.createQuery(
                    "SELECT version || ' ' || description FROM flyway_schema_history").mapTo(String.class).list()));
            assertTrue(ourVersions(j, "public").containsAll(List.of("1", "6")), ourVersions(j, "public").toString());
            shared.execute("INSERT INTO host_orders VALUES (1, 'rice')");
            assertEquals(1, shared.queryInt("SELECT count(*) FROM settings"));
        }
    }

    /**
     * A database migrated before the history table had our name (users' and the benchmark's databases) keeps its
     * history and data: nothing runs twice.
     */
    @Test
    void anOldHistoryIsCarriedOver() {
        try (TestDatabase old = TestDatabase.empty()) {
            // what earlier versions did: Flyway's defaults, our files at their old location (same names, same sums)
            Flyway.configure().dataSource(old.dataSource()).locations("classpath:" + Migrations.LOCATION)
                    .target("5").load().migrate();
            old.execute("INSERT INTO contacts (phone, name, language, status, consent_status, created_at) "
                    + "VALUES ('919800000001', 'Old', 'en', 'valid', 'unknown', now())");
            Jdbi j = Jdbi.create(old.dataSource());
            List<String> before = history(j, "flyway_schema_history");

            Migrations.migrate(old.dataSource());

            assertFalse(tableExists(j, "public", "flyway_schema_history"));
            List<String> after = history(j, Migrations.HISTORY_TABLE);
            assertEquals(before, after.subList(0, before.size()));
            assertEquals("13 true", after.get(after.size() - 1));
            Migrations.migrate(old.dataSource());
            assertEquals(after, history(j, Migrations.HISTORY_TABLE));
            assertEquals(1, old.queryInt("SELECT count(*) FROM contacts WHERE name = 'Old'"));
        }
    }

    /** Our rows leave a history table a host's migrations shared with ours; the host's stay. */
    @Test
    void aSharedOldHistoryKeepsTheHostsRows() {
        try (TestDatabase old = TestDatabase.empty()) {
            Flyway.configure().dataSource(old.dataSource())
                    .locations("classpath:" + Migrations.LOCATION).target("2").load().migrate();
            old.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (100, '100', 'host', 'SQL', "
                    + "'V100__host.sql', 1, 'host', 1, true)");
            Jdbi j = Jdbi.create(old.dataSource());

            Migrations.migrate(old.dataSource());

            assertEquals(List.of("100 true"), history(j, "flyway_schema_history"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "13"), ourVersions(j, "public"));
        }
    }

    /** Two engines in one database, each in its own schema, each with its own history. */
    @Test
    void eachSchemaHasItsOwnTablesAndHistory() {
        try (TestDatabase two = TestDatabase.empty();
             HikariDataSource a = pool(two, "engine_a"); HikariDataSource b = pool(two, "engine_b")) {
            Migrations.migrate(a, "engine_a");
            Migrations.migrate(b, "engine_b");
            assertEquals("engine_a", Migrations.currentSchema(a));
            assertEquals("engine_b", Migrations.currentSchema(b));
            Jdbi j = Jdbi.create(two.dataSource());
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "13"), ourVersions(j, "engine_a"));
            assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "13"), ourVersions(j, "engine_b"));
            assertFalse(tableExists(j, "public", "contacts"));
            Jdbi.create(a).useHandle(h -> h.execute("UPDATE settings SET optin_flow = NULL"));
        }
    }

    @Test
    void aSchemaNameMustBePlain() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Migrations.migrate(db.dataSource(), "x; DROP TABLE contacts"));
        assertTrue(e.getMessage().startsWith("schema "), e.getMessage());
    }

    private static HikariDataSource pool(TestDatabase on, String schema) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(on.url() + (on.url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        c.setUsername(on.user());
        c.setPassword(on.password());
        c.setMaximumPoolSize(2);
        return new HikariDataSource(c);
    }

    private static boolean tableExists(Jdbi j, String schema, String table) {
        return j.withHandle(h -> h.createQuery("SELECT count(*) FROM information_schema.tables "
                + "WHERE table_schema = :s AND table_name = :t").bind("s", schema).bind("t", table)
                .mapTo(Integer.class).one()) == 1;
    }

    private static List<String> ourVersions(Jdbi j, String schema) {
        // the schema name comes from this test, never from input
        return j.withHandle(h -> h.createQuery("SELECT version FROM " + schema + "." + Migrations.HISTORY_TABLE
                + " WHERE version <> '0' ORDER BY installed_rank").mapTo(String.class).list());
    }

    private static List<String> history(Jdbi j, String table) {
        return j.withHandle(h -> h.createQuery("SELECT version || ' ' || success FROM " + table
                + " ORDER BY installed_rank").mapTo(String.class).list());
    }

    private static int count(String table) {
        // the table name comes from this test, never from input
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static List<String> history() {
        return history(jdbi, Migrations.HISTORY_TABLE);
    }
}
