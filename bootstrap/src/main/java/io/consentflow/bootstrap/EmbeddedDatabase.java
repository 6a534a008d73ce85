package io.consentflow.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/**
 * A PostgreSQL started from binaries shipped on Maven Central (zonky), so the service runs with no set-up.
 * Its data directory is kept between runs.
 *
 * <p>Locked down, because anyone on the machine can reach 127.0.0.1: the superuser has a random password
 * (scram-sha-256) generated on first start and kept in {@value #PASSWORD_FILE} in the data directory (mode 0600),
 * the data directory is 0700, the server listens on 127.0.0.1 only (no Unix socket), and the binaries are
 * unpacked into a directory only this user can enter (zonky's default, {@code /tmp/embedded-pg}, is made
 * world-writable, so another user could swap the binaries we run). A data directory made by an earlier version
 * (trust authentication, no password) is converted on its first start.
 *
 * <p>Nothing stops it but {@link #close()}: zonky's own shutdown hook would stop it at the same moment as the web
 * server, under requests still in flight; {@link Main} closes it last. A throw-away database (no data directory)
 * keeps the hook, as nobody else closes it.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** The superuser initdb creates, and the only role the service uses. */
    public static final String USER = "postgres";
    /** The superuser's password, in the data directory. */
    public static final String PASSWORD_FILE = "consentflow.password";
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String HBA_HEADER = "# Written by Consentflow on every start: edits here are overwritten.\n";

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    /** @param dataDir kept between runs; null for a throw-away database (tests) */
    public static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, 0);
    }

    /** @param port a fixed port (to restart on the same address), or 0 for any free one */
    public static EmbeddedDatabase start(Path dataDir, int port) {
        boolean throwAway = dataDir == null;
        Path initdbPassword = null;
        try {
            Path dir = throwAway ? Files.createTempDirectory("consentflow-pg") : dataDir.toAbsolutePath();
            ownerOnlyDirectory(dir);
            Path secret = dir.resolve(PASSWORD_FILE);
            boolean fresh = !Files.exists(dir.resolve("postgresql.conf"));
            boolean known = !fresh && Files.exists(secret);
            // No password file on an existing cluster: made by an earlier version with trust (or the file was
            // lost); it starts once more with trust, for this user over TCP only, to set a new password.
            boolean convert = !fresh && !known;
            String password = known ? readPassword(secret) : newPassword();

            Path binaries = binariesDirectory();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOverrideWorkingDirectory(binaries.toFile())
                    .setDataDirectory(dir).setCleanDataDirectory(throwAway)
                    .setRegisterShutdownHook(throwAway)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", throwAway ? "off" : "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky's readiness check connects as the superuser: with the password, as everyone must
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(d -> writeHba(d, convert));
            if (port > 0) builder.setPort(port);
            if (fresh) {
                // initdb sets the superuser's password from a file; zonky passes "locale" settings as --key=value.
                // Not in the data directory: initdb wants it empty.
                initdbPassword = Files.createTempFile("consentflow-initdb", ".pw",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                Files.writeString(initdbPassword, password + "\n");
                builder.setLocaleConfig("pwfile", initdbPassword.toString());
            }
            EmbeddedPostgres postgres = builder.start();
            ownerOnlyDirectory(binaries); // zonky makes it world-writable; its parent keeps others out anyway
            if (convert) {
                setPassword(postgres.getPort(), password);
                writeHba(dir.toFile(), false);
                reload(postgres.getPort(), password);
                LOG.warn("embedded PostgreSQL in {} used trust authentication: it now needs the password in {}",
                        dir, secret);
            }
            if (!known) writePassword(secret, password); // last: a start cut short before this converts again
            ownerOnlyDirectory(dir);
            return new EmbeddedDatabase(postgres, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password", e);
        } finally {
            deleteQuietly(initdbPassword);
        }
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    public String user() {
        return USER;
    }

    public String password() {
        return password;
    }

    public int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Password authentication for everyone, over TCP from this machine only; {@code convert} lets the superuser in
     * without one for the single start that sets it.
     */
    private static void writeHba(File dataDir, boolean convert) {
        String rules = HBA_HEADER
                + "# TYPE  DATABASE  USER      ADDRESS       METHOD\n"
                + (convert ? "host    all       " + USER + "  127.0.0.1/32  trust\n"
                           : "host    all       all       127.0.0.1/32  scram-sha-256\n");
        try {
            Path hba = dataDir.toPath().resolve("pg_hba.conf");
            Files.writeString(hba, rules, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(hba, OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write pg_hba.conf", e);
        }
    }

    private static void setPassword(int port, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(port), USER, "");
             Statement s = c.createStatement()) {
            // base64url: nothing to escape in a literal
            s.execute("ALTER ROLE " + USER + " PASSWORD '" + password + "'");
        }
    }

    /** Loads the new pg_hba.conf and waits until it is in force (a connection without password is refused). */
    private static void reload(int port, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url(port), USER, password);
             Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
        for (int i = 0; i < 100; i++) {
            if (!acceptsWithoutPassword(port)) return;
            sleep(Duration.ofMillis(50)); // still the old rules
        }
        throw new IllegalStateException("the embedded PostgreSQL did not load its new pg_hba.conf within 5 s");
    }

    private static boolean acceptsWithoutPassword(int port) {
        try (Connection c = DriverManager.getConnection(url(port), USER, "")) {
            return c.isValid(1);
        } catch (SQLException refused) {
            return false;
        }
    }

    private static String url(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static String newPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String readPassword(Path secret) throws IOException {
        Files.setPosixFilePermissions(secret, OWNER_ONLY_FILE); // in case someone loosened it
        String password = Files.readString(secret, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) throw new IOException(secret + " is empty: delete it to set a new password");
        return password;
    }

    private static void writePassword(Path secret, String password) throws IOException {
        Path partial = secret.resolveSibling(PASSWORD_FILE + ".new");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        Files.writeString(partial, password + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        Files.move(partial, secret, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Where zonky unpacks the binaries: one directory per user, kept between runs (unpacking takes seconds), that
     * only this user can enter. If someone else made it, or opened it up, a fresh private one is used instead.
     */
    private static Path binariesDirectory() throws IOException {
        String user = System.getProperty("user.name");
        Path mine = Path.of(System.getProperty("java.io.tmpdir"), "consentflow-pg-" + user);
        try {
            Files.createDirectory(mine, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException alreadyThere) {
            // checked below
        }
        if (Files.isDirectory(mine, LinkOption.NOFOLLOW_LINKS)
                && user.equals(Files.getOwner(mine, LinkOption.NOFOLLOW_LINKS).getName())
                && Files.getPosixFilePermissions(mine, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY_DIR)) {
            return mine.resolve("binaries");
        }
        LOG.warn("{} is not a private directory of {}: unpacking PostgreSQL into a new one", mine, user);
        return Files.createTempDirectory("consentflow-pg").resolve("binaries");
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        }
        Files.setPosixFilePermissions(dir, OWNER_ONLY_DIR);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file of mode 0600; the OS cleans temp eventually
        }
    }
}
