package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service as its own process on its embedded PostgreSQL, stopped with SIGTERM while a webhook is in flight:
 * the server stops accepting, the webhook finishes with 200 and is stored, and only then do the outbox, the pool
 * and the database stop; nothing is logged at ERROR and the process exits 0.
 */
class ShutdownEndToEndTest {

    static Process launch(Path dataDir, int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the service's own logging (JSON, Jetty/Hikari/zonky at WARN), not the tests' quieter one
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-Dlogback.configurationFile=logback.xml", "-cp", System.getProperty("java.class.path"),
                "io.consentflow.bootstrap.Main");
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("CONSENTFLOW_"));
        env.put("CONSENTFLOW_DATA_DIR", dataDir.toString());
        env.put("CONSENTFLOW_PORT", String.valueOf(port));
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        Http http = new Http("http://127.0.0.1:" + port, null);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> http.get("/health").status() == 200);
        return p;
    }

    /** A connection to the service's embedded PostgreSQL, as the operator would open one. */
    static Connection connect(Path dataDir) throws IOException, SQLException {
        // postmaster.pid: line 4 is the port
        int port = Integer.parseInt(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(3).trim());
        Path secret = dataDir.resolve("consentflow.password");
        String password = Files.exists(secret) ? Files.readString(secret).trim() : "";
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", password);
    }

    @Test
    void aWebhookInFlightWhenSigtermArrivesIsAnsweredAndStoredAndTheProcessExitsCleanly() throws Exception {
        Path dataDir = Files.createTempDirectory("consentflow-shutdown").resolve("data");
        Path log = Files.createTempFile("consentflow-shutdown", ".log");
        int port = CrashRestartEndToEndTest.freePort();
        Http http = new Http("http://127.0.0.1:" + port, null);
        String phone = Gupshup.newPhone();
        String inFlight = Gupshup.newId();
        Process service = launch(dataDir, port, log);
        try {
            ServiceFixture.importConsentFlows(http);
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), "hello")).status());

            CompletableFuture<Http.Response> answer;
            try (Connection holder = connect(dataDir)) {
                // Hold the contact's row, so the next webhook for it waits inside its transaction.
                holder.setAutoCommit(false);
                try (PreparedStatement s = holder.prepareStatement("SELECT 1 FROM contacts WHERE phone = ? FOR UPDATE")) {
                    s.setString(1, phone);
                    s.executeQuery().close();
                }
                answer = CompletableFuture.supplyAsync(
                        () -> http.post("/webhooks/gupshup", Gupshup.text(phone, inFlight, "optin")));
                await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnALock(holder));

                service.destroy(); // SIGTERM
                // The server stops accepting while the webhook is still waiting.
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> refused(http));
                Thread.sleep(500);
                assertTrue(service.isAlive(), "still finishing the request in flight");
                holder.commit();
            }
            Http.Response r = answer.get(20, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r.body());
            assertTrue(service.waitFor(30, TimeUnit.SECONDS), "exits within 30 s");
            assertEquals(0, service.exitValue(), "exit status after SIGTERM");

            List<String> lines = Files.readAllLines(log);
            assertTrue(lines.stream().noneMatch(l -> l.contains("\"level\":\"ERROR\"") || (l.contains("\"throwable\"") && !l.contains("\"throwable\":null"))
                            || l.startsWith("\tat ") || l.contains("Exception")),
                    "no error or stack trace in the log:\n" + String.join("\n", lines));
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"stopped\"")), "stopped in order:\n" + lines);

            // Started again on the same data directory: the webhook answered 200 was stored (and applied).
            service = launch(dataDir, port, log);
            assertEquals(200, http.get("/health").status());
            JsonNode messages = http.get("/api/v1/contacts/" + phone + "/messages").json();
            List<String> inbound = new ArrayList<>();
            messages.forEach(m -> {
                if (m.get("direction").asText().equals("inbound")) inbound.add(m.get("text").asText());
            });
            assertEquals(List.of("hello", "optin"), inbound, messages.toString());
            assertEquals(3, messages.size(), "the opt-in question was queued: " + messages);
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) service.destroyForcibly();
        }
    }

    private static boolean waitingOnALock(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static boolean refused(Http http) {
        try {
            http.get("/health");
            return false;
        } catch (UncheckedIOException expected) {
            return true;
        }
    }
}
