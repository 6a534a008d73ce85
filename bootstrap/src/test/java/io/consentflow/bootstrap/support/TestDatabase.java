package io.consentflow.bootstrap.support;

import io.consentflow.bootstrap.EmbeddedDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh database per caller on a real PostgreSQL: the server named by {@code CONSENTFLOW_TEST_DB_URL} when set
 * (CI uses the machine's), else one embedded server per JVM.
 */
public final class TestDatabase {
    private static EmbeddedDatabase embedded;

    public final String url;
    public final String user;
    public final String password;
    private final String name;
    private final String adminUrl;

    private TestDatabase(String adminUrl, String url, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.url = url;
        this.user = user;
        this.password = password;
        this.name = name;
    }

    public static synchronized TestDatabase create() {
        String admin = System.getenv("CONSENTFLOW_TEST_DB_URL");
        String user = envOr("CONSENTFLOW_TEST_DB_USER", "postgres");
        String password = envOr("CONSENTFLOW_TEST_DB_PASSWORD", "");
        if (admin == null || admin.isBlank()) {
            if (embedded == null) embedded = EmbeddedDatabase.start(null);
            admin = embedded.jdbcUrl("postgres");
            user = embedded.user();
            password = embedded.password();
        }
        String name = "cf_boot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        exec(admin, user, password, "CREATE DATABASE " + name);
        String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        return new TestDatabase(admin, url, user, password, name);
    }

    public void drop() {
        exec(adminUrl, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** Runs a statement on this database (for checks a test makes behind the service's back). */
    public void execute(String sql) {
        exec(url, user, password, sql);
    }

    /** A single number from this database, e.g. a count. */
    public int queryInt(String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + e.getMessage(), e);
        }
    }

    private static void exec(String url, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test database: " + e.getMessage(), e);
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
