package io.consentflow.bootstrap.e2e;

import io.consentflow.adapter.http.provider.SenderSettings;
import io.consentflow.bootstrap.Config;
import io.consentflow.bootstrap.Main;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.bootstrap.support.RunningService;
import io.consentflow.adapter.persistence.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics} serves Prometheus text with the engine's counters, HTTP histograms, JVM and pool gauges. */
class MetricsEndToEndTest {
    @Test
    void metricsCountWhatHappened() throws Exception {
        try (RunningService service = RunningService.fresh()) {
            Http http = service.http;
            ServiceFixture.importConsentFlows(http);
            String p = Gupshup.newPhone();
            String id = Gupshup.newId();
            http.post("/webhooks/gupshup", Gupshup.text(p, id, "optin"));
            http.post("/webhooks/gupshup", Gupshup.text(p, id, "optin"));
            http.post("/webhooks/gupshup", Gupshup.buttonReply(p, Gupshup.newId(), "👍"));
            // the thank-you leaves before the opt-out: else the send-time check refuses it too (a second refusal)
            await().atMost(Duration.ofSeconds(10)).until(() -> !http.get("/api/v1/contacts/" + p + "/messages")
                    .body().contains("\"queued\""));
            http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_out\"}");
            http.post("/api/v1/messages", "{\"phone\":\"" + p + "\",\"text\":\"x\"}");

            Http.Response r = http.get("/metrics"); // with the API key: the service has one
            assertEquals(200, r.status());
            assertTrue(r.contentType().startsWith("text/plain"), r.contentType());
            String m = r.body();
            assertTrue(m.contains("consentflow_inbound_messages_total{provider=\"gupshup\",type=\"text\"} 2.0"), m);
            assertTrue(m.contains("consentflow_inbound_duplicates_total{provider=\"gupshup\"} 1.0"), m);
            assertTrue(m.contains("consentflow_flow_starts_total{flow=\"Sahayak consent\"} 1.0"), m);
            assertTrue(m.contains("consentflow_consent_changes_total{direction=\"opted_in\",method=\"flow\"} 1.0"), m);
            assertTrue(m.contains("consentflow_consent_changes_total{direction=\"opted_out\",method=\"api\"} 1.0"), m);
            assertTrue(m.contains("consentflow_sends_refused_total{reason=\"contact_opted_out\"} 1.0"), m);
            assertTrue(m.contains("consentflow_outbox_depth"), m);
            assertTrue(m.contains("http_server_requests_seconds_bucket{method=\"POST\",route=\"/webhooks/gupshup\""), m);
            assertTrue(m.contains("jvm_memory_used_bytes"), m);
            assertTrue(m.contains("hikaricp_connections"), m);
            assertFalse(m.contains(p), "no phone number in metrics");
        }
    }

    @Test
    void metricsNeedTheApiKeyOrTheMetricsTokenWhenEitherIsSet() {
        // /metrics shows flow names and consent counts: it is guarded as the API is
        TestDatabase db = TestDatabase.empty();
        Main.Service service = Main.Service.start(new Config(db.url(), db.user(), db.password(), Path.of("unused"),
                0, 4, "the-api-key", null, null, null, SenderSettings.log(), 2, "the-scrape-token"));
        try {
            Http http = new Http("http://127.0.0.1:" + service.port(), null);
            Http.Response none = http.get("/metrics");
            assertEquals(401, none.status(), none::toString);
            assertTrue(none.contentType().startsWith("application/problem+json"), none::toString);
            assertEquals(401, http.withKey("wrong").get("/metrics").status());
            assertEquals(200, http.withKey("the-scrape-token").get("/metrics").status());
            assertEquals(200, http.withKey("the-api-key").get("/metrics").status());
            // the scrape token opens /metrics only, not the admin API
            assertEquals(401, http.withKey("the-scrape-token").get("/api/v1/settings").status());
        } finally {
            service.close();
            db.close();
        }
        TestDatabase open = TestDatabase.empty();
        Main.Service unguarded = Main.Service.start(new Config(open.url(), open.user(), open.password(),
                Path.of("unused"), 0, 4, null, null, null, null, SenderSettings.log()));
        try {
            assertEquals(200, new Http("http://127.0.0.1:" + unguarded.port(), null).get("/metrics").status());
        } finally {
            unguarded.close();
            open.close();
        }
    }
}
