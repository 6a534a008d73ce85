package io.consentflow.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded PostgreSQL lets in only who has the password kept in its data directory, listens on 127.0.0.1
 * only, keeps its files to their owner, and restarts on the same data directory; one made by an earlier version
 * (trust, no password) is converted on its first start.
 */
class EmbeddedDatabaseTest {
    @TempDir
    Path tmp;

    @Test
    void onlyTheStoredPasswordLetsInAndItSurvivesARestart() throws Exception {
        Path dir = tmp.resolve("data");
        EmbeddedDatabase db = EmbeddedDatabase.start(dir);
        try {
            Path secret = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            String password = Files.readString(secret).strip();
            assertEquals(db.password(), password);
            assertTrue(password.length() >= 40, "a long random password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

            assertRefused(db.port(), "");
            assertRefused(db.port(), "postgres");
            assertRefused(db.port(), password + "x");
            try (Connection c = connect(db.port(), password); Statement s = c.createStatement()) {
                assertEquals("127.0.0.1", show(s, "listen_addresses"));
                assertEquals("", show(s, "unix_socket_directories"), "no Unix socket");
                assertEquals("scram-sha-256", show(s, "password_encryption"));
                s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
            }
            Path binaries = Path.of(System.getProperty("java.io.tmpdir"), "consentflow-pg-" + System.getProperty("user.name"));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries)),
                    "the binaries we run are out of other users' reach");
        } finally {
            db.close();
        }

        db = EmbeddedDatabase.start(dir);
        try {
            assertEquals(Files.readString(dir.resolve(EmbeddedDatabase.PASSWORD_FILE)).strip(), db.password());
            assertRefused(db.port(), "");
            try (Connection c = connect(db.port(), db.password()); Statement s = c.createStatement()) {
                assertEquals("42", query(s, "SELECT n FROM kept"));
            }
        } finally {
            db.close();
        }
    }

    @Test
    void aDataDirectoryMadeWithTrustIsConvertedAndKeepsItsData() throws Exception {
        Path dir = tmp.resolve("old");
        // as earlier versions started it: zonky's defaults, trust for everyone on 127.0.0.1
        EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start();
        try (Connection c = connect(old.getPort(), ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
        } finally {
            old.close();
        }

        EmbeddedDatabase db = EmbeddedDatabase.start(dir);
        try {
            Path secret = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertEquals(db.password(), Files.readString(secret).strip());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
            assertFalse(Files.readString(dir.resolve("pg_hba.conf")).contains("trust"));
            assertRefused(db.port(), "");
            try (Connection c = connect(db.port(), db.password()); Statement s = c.createStatement()) {
                assertEquals("7", query(s, "SELECT n FROM kept"));
            }
        } finally {
            db.close();
        }
        db = EmbeddedDatabase.start(dir); // and it starts again with that password
        try (Connection c = connect(db.port(), db.password()); Statement s = c.createStatement()) {
            assertEquals("7", query(s, "SELECT n FROM kept"));
            assertRefused(db.port(), "");
        } finally {
            db.close();
        }
    }

    private static void assertRefused(int port, String password) {
        SQLException e = assertThrows(SQLException.class, () -> connect(port, password).close(),
                "connecting with password '" + password + "' must be refused");
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    private static Connection connect(int port, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
    }

    private static String show(Statement s, String setting) throws SQLException {
        return query(s, "SHOW " + setting);
    }

    private static String query(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }
}
