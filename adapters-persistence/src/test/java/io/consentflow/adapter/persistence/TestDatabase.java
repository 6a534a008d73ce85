package io.consentflow.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh database for one test class on a real PostgreSQL: the server named by {@code CONSENTFLOW_TEST_DB_URL}
 * (user {@code CONSENTFLOW_TEST_DB_USER}, default postgres; password {@code CONSENTFLOW_TEST_DB_PASSWORD}, default
 * empty), else one embedded server per JVM. {@link #create()} migrates it (the persistence tests), {@link #empty()}
 * leaves that to the service under test (bootstrap's tests, through this module's test-jar). Dropped on close; a test
 * class that holds it as {@code @RegisterExtension static final TestDatabase db = TestDatabase.create();} has it
 * dropped after its last test.
 */
public final class TestDatabase implements AutoCloseable, AfterAllCallback {
    private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);
    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]*)(\\?.*)?$");
    private static Server server;

    private final Server on;
    private final String name;
    private HikariDataSource dataSource;

    private record Server(String adminUrl, String user, String password) {
        String urlFor(String database) {
            Matcher m = JDBC_URL.matcher(adminUrl);
            if (!m.matches()) throw new IllegalStateException("not a jdbc:postgresql://host:port/db URL: " + adminUrl);
            return m.group(1) + database + (m.group(3) == null ? "" : m.group(3));
        }
    }

    private TestDatabase(Server on, String name) {
        this.on = on;
        this.name = name;
    }

    /** A fresh database with the schema migrated. */
    public static TestDatabase create() {
        TestDatabase db = empty();
        Migrations.migrate(db.dataSource());
        return db;
    }

    /** A fresh database without any schema. */
    public static TestDatabase empty() {
        Server s = server();
        String name = "cf_test_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
        // DDL takes no parameters; the name is ours, made of [a-z0-9_] only
        execute(s.adminUrl(), s, "CREATE DATABASE " + name);
        return new TestDatabase(s, name);
    }

    /** A pool on this database, made on first use and closed with it. */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url());
            config.setUsername(on.user());
            config.setPassword(on.password());
            config.setMaximumPoolSize(8);
            config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
            config.setPoolName(name);
            dataSource = new HikariDataSource(config);
        }
        return dataSource;
    }

    public String url() {
        return on.urlFor(name);
    }

    public String user() {
        return on.user();
    }

    public String password() {
        return on.password();
    }

    /** Runs a statement on this database (for set-up or checks a test makes behind the code's back). */
    public void execute(String sql) {
        execute(url(), on, sql);
    }

    /** A single number from this database, e.g. a count. */
    public int queryInt(String sql) {
        try (Connection c = DriverManager.getConnection(url(), on.user(), on.password());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    /** Blocks until {@code n} sessions of this database wait for a lock; fails after {@code timeout}. */
    public void awaitLockWaiters(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int waiting = -1;
        while (System.nanoTime() < deadline) {
            waiting = lockWaiters();
            if (waiting >= n) return;
            Thread.sleep(10);
        }
        throw new AssertionError("expected " + n + " session(s) waiting for a lock, saw " + waiting);
    }

    public int lockWaiters() {
        return queryInt("SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND wait_event_type = 'Lock'");
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) dataSource.close();
        execute(on.adminUrl(), on, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private static void execute(String url, Server s, String sql) {
        try (Connection c = DriverManager.getConnection(url, s.user(), s.password());
             Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }

    private static synchronized Server server() {
        if (server != null) return server;
        String url = System.getenv("CONSENTFLOW_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            server = new Server(url, envOr("CONSENTFLOW_TEST_DB_USER", "postgres"),
                    envOr("CONSENTFLOW_TEST_DB_PASSWORD", ""));
            LOG.info("tests use the PostgreSQL server at {}", url);
            return server;
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException e) {
                    LOG.warn("embedded PostgreSQL did not stop cleanly", e);
                }
            }));
            server = new Server(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
            LOG.info("tests use an embedded PostgreSQL on port {}", embedded.getPort());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
        }
    }

    private static String envOr(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? otherwise : v;
    }
}
