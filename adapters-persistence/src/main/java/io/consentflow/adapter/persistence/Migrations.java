package io.consentflow.adapter.persistence;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Brings the schema up to date with the SQL files in {@code io/consentflow/db/migration}. Safe to run on every
 * start and from several instances at once: Flyway holds a database lock while it migrates and applies each file
 * once.
 * <p>
 * Everything is namespaced so that a host's own Flyway can share the schema: our files live under our package
 * (a host's {@code classpath:db/migration} never sees them, nor we theirs) and our history is
 * {@value #HISTORY_TABLE}, not Flyway's default table. A database migrated before that, whose history is in
 * {@value #OLD_HISTORY_TABLE}, keeps its history: it is carried over on the first run.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    public static final String DEFAULT_SCHEMA = "public";
    public static final String HISTORY_TABLE = "consentflow_schema_history";
    static final String OLD_HISTORY_TABLE = "flyway_schema_history";
    static final String LOCATION = "io/consentflow/db/migration";
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Migrations() {
    }

    /** Migrates the {@value #DEFAULT_SCHEMA} schema. */
    public static void migrate(DataSource dataSource) {
        migrate(dataSource, DEFAULT_SCHEMA);
    }

    /**
     * Migrates {@code schema}, creating it when it does not exist. The engine's queries name no schema: the
     * connections of the pool it then runs on must have {@code schema} first in their search path (e.g. JDBC
     * {@code currentSchema}), which {@link #currentSchema(DataSource)} tells.
     */
    public static void migrate(DataSource dataSource, String schema) {
        requireSchemaName(schema);
        carryOverOldHistory(dataSource, schema);
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .table(HISTORY_TABLE)
                // a schema a host's tables already live in, without our history yet: start our history below V1,
                // so all of our files still run
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:" + LOCATION)
                .load()
                .migrate();
        if (result.migrationsExecuted == 0) {
            LOG.info("database schema {} is up to date", schema);
        } else {
            LOG.info("applied {} migration(s); database schema {} at version {}", result.migrationsExecuted, schema,
                    result.targetSchemaVersion);
        }
    }

    /** The schema unqualified names resolve to on this data source's connections (null when none exists). */
    public static String currentSchema(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the connection's current schema", e);
        }
    }

    /** A plain lower-case SQL identifier: it is written into DDL, which takes no parameters. */
    public static String requireSchemaName(String schema) {
        Objects.requireNonNull(schema, "schema");
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL name ([a-z_][a-z0-9_]*, at most 63),"
                    + " got '" + schema + "'");
        }
        return schema;
    }

    /**
     * A database migrated before the history table had our name keeps its history in Flyway's default table.
     * Our rows move to {@value #HISTORY_TABLE}: the whole table is renamed when it holds only ours, else (a host's
     * migrations shared it) our rows are copied and removed from it, so each Flyway then sees only its own. Under
     * a transaction-scoped advisory lock, so instances starting together carry it over once.
     */
    private static void carryOverOldHistory(DataSource dataSource, String schema) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to the database to migrate schema " + schema, e);
        }
        try (Connection c = connection) {
            if (!exists(c, schema, OLD_HISTORY_TABLE) || exists(c, schema, HISTORY_TABLE)) return;
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_advisory_xact_lock(hashtext('consentflow_schema_history_carry_over'))");
                if (exists(c, schema, OLD_HISTORY_TABLE) && !exists(c, schema, HISTORY_TABLE)) {
                    carryOver(c, st, schema);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot carry the schema history of " + schema + "." + OLD_HISTORY_TABLE
                    + " over to " + HISTORY_TABLE, e);
        }
    }

    private static void carryOver(Connection c, Statement st, String schema) throws SQLException {
        String old = schema + "." + OLD_HISTORY_TABLE;
        String ours = schema + "." + HISTORY_TABLE;
        List<String> scripts = new ArrayList<>();
        int others = 0;
        try (ResultSet rs = st.executeQuery("SELECT script FROM " + old)) {
            while (rs.next()) {
                String script = rs.getString(1);
                if (isOurs(script)) scripts.add(script);
                else others++;
            }
        }
        if (scripts.isEmpty()) return; // a host's history only: nothing of ours to carry over
        if (others == 0) {
            st.execute("ALTER TABLE " + old + " RENAME TO " + HISTORY_TABLE);
        } else {
            st.execute("CREATE TABLE " + ours + " (LIKE " + old + " INCLUDING ALL)");
            try (PreparedStatement copy = c.prepareStatement(
                    "INSERT INTO " + ours + " SELECT * FROM " + old + " WHERE script = ANY (?)");
                 PreparedStatement remove = c.prepareStatement("DELETE FROM " + old + " WHERE script = ANY (?)")) {
                copy.setArray(1, c.createArrayOf("text", scripts.toArray()));
                copy.executeUpdate();
                remove.setArray(1, c.createArrayOf("text", scripts.toArray()));
                remove.executeUpdate();
            }
        }
        LOG.info("carried {} migration(s) of schema {} over from {} to {}", scripts.size(), schema,
                OLD_HISTORY_TABLE, HISTORY_TABLE);
    }

    /** One of our migration files (the history names the file relative to its location). */
    private static boolean isOurs(String script) {
        return script != null && script.matches("V\\d+__[A-Za-z0-9_]+\\.sql")
                && Migrations.class.getResource("/" + LOCATION + "/" + script) != null;
    }

    private static boolean exists(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
