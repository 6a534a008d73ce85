package io.consentflow.bootstrap.e2e;

import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.bootstrap.Config;
import io.consentflow.bootstrap.EmbeddedDatabase;
import io.consentflow.bootstrap.Main;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * PostgreSQL stopped and started under the service: webhooks answer 503 while it is down (never 200 for work
 * that was not committed) and the service recovers by itself. Uses its own embedded PostgreSQL so stopping it
 * disturbs nothing else.
 */
class DatabaseOutageEndToEndTest {
    @Test
    void webhooksAnswer503WhileTheDatabaseIsDownAndRecover() throws Exception {
        Path dir = Files.createTempDirectory("consentflow-outage");
        int pgPort;
        try (ServerSocket s = new ServerSocket(0)) {
            pgPort = s.getLocalPort();
        }
        EmbeddedDatabase pg = EmbeddedDatabase.start(dir, pgPort);
        Main.Service service = Main.Service.start(new Config(pg.jdbcUrl("postgres"), pg.user(), pg.password(), dir, 0, 4,
                null, null, null, null, SenderSettings.log()));
        try {
            Http http = new Http("http://127.0.0.1:" + service.port(), null);
            String p = Gupshup.newPhone();
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "before")).status());

            pg.close();
            String lost = Gupshup.newId();
            Http.Response down = http.post("/webhooks/gupshup", Gupshup.text(p, lost, "during"));
            assertEquals(503, down.status(), down.body());
            assertEquals("application/problem+json", down.contentType().split(";")[0]);
            assertEquals(503, http.get("/health").status());

            pg = EmbeddedDatabase.start(dir, pgPort);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> http.get("/health").status() == 200);
            // the provider retries the refused delivery: now it is applied, once
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(p, lost, "during")).status());
            assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "after")).status());
            assertEquals(3, http.get("/api/v1/contacts/" + p + "/messages").json().size());
        } finally {
            service.close();
            pg.close();
        }
    }
}
