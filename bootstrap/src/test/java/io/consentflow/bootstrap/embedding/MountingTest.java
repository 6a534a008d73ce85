package io.consentflow.bootstrap.embedding;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.bootstrap.Consentflow;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines mounted on one host app, next to the host's own routes, which have their own JSON mapper, a larger
 * body limit, their own exception handler, their own {@code /api/*} routes behind their own auth and their own
 * {@code /metrics}: each side keeps its behaviour.
 */
class MountingTest {
    static TestDatabase db;
    static HikariDataSource poolA;
    static HikariDataSource poolB;
    static Consentflow engineA;
    static Consentflow engineB;
    static Javalin host;
    static Http anonymous;

    @BeforeAll
    static void start() {
        db = TestDatabase.empty();
        poolA = SchemaTest.pool(db, "engine_a");
        poolB = SchemaTest.pool(db, "engine_b");
        engineA = Consentflow.builder(poolA).schema("engine_a").apiKey("key-a").build();
        engineB = Consentflow.builder(poolB).schema("engine_b").apiKey("key-b").build();
        host = Javalin.create(cfg -> {
            // the host's own choices for its own routes
            cfg.jsonMapper(new JavalinJackson(JsonMapper.builder().addModule(new JavaTimeModule())
                    .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build(), false));
            cfg.http.maxRequestSize = 4 * 1024 * 1024;
            cfg.routes.exception(Exception.class, (e, ctx) -> ctx.status(500).result("host error: " + e.getMessage()));
            cfg.routes.before("/api/*", ctx -> {
                if (!"Bearer host-token".equals(ctx.header("Authorization"))) {
                    ctx.status(401).result("host says no");
                    ctx.skipRemainingHandlers();
                }
            });
            cfg.routes.get("/api/orders", ctx -> ctx.json(Map.of("at", Instant.parse("2030-01-01T00:00:00Z"))));
            cfg.routes.post("/api/orders", ctx -> ctx.result("got " + ctx.bodyAsBytes().length));
            cfg.routes.get("/boom", ctx -> {
                throw new IllegalStateException("the host's own failure");
            });
            cfg.routes.get("/metrics", ctx -> ctx.result("host metrics"));
            // ours, twice
            engineA.routes("/cf-a").withHealth().withMetrics().addTo(cfg);
            engineB.routes("/messaging/cf-b").withHealth().addTo(cfg);
        }).start("127.0.0.1", 0);
        anonymous = new Http("http://127.0.0.1:" + host.port(), null);
    }

    @AfterAll
    static void stop() {
        if (host != null) host.stop();
        engineA.close();
        engineB.close();
        poolA.close();
        poolB.close();
        db.close();
    }

    @Test
    void theHostsRoutesKeepTheirMapperAuthLimitAndErrors() {
        Http hostClient = anonymous.withKey("host-token");
        Http.Response orders = hostClient.get("/api/orders");
        assertEquals(200, orders.status());
        assertEquals("{\"at\":1893456000.000000000}", orders.body()); // the host's mapper: epoch seconds
        assertEquals(401, anonymous.get("/api/orders").status());
        assertEquals("host says no", anonymous.get("/api/orders").body());
        assertEquals(401, anonymous.withKey("key-a").get("/api/orders").status()); // our key opens nothing of theirs

        String big = "x".repeat(1024 * 1024);
        Http.Response upload = hostClient.post("/api/orders", "\"" + big + "\"");
        assertEquals(200, upload.status(), upload.body());
        assertEquals("got " + (big.length() + 2), upload.body());

        Http.Response boom = anonymous.get("/boom");
        assertEquals(500, boom.status());
        assertEquals("host error: the host's own failure", boom.body());
        assertEquals("host metrics", anonymous.get("/metrics").body());
        Http.Response unknown = anonymous.get("/nowhere");
        assertEquals(404, unknown.status());
        assertFalse(unknown.contentType().startsWith("application/problem+json"), unknown.contentType());
        assertEquals(404, anonymous.get("/health").status()); // health is opt-in, under the prefix
    }

    @Test
    void ourRoutesKeepOurMapperAuthLimitAndProblemBodies() {
        String phone = Gupshup.newPhone();
        Http a = anonymous.withKey("key-a");
        assertEquals(200, anonymous.post("/cf-a/webhooks/gupshup", Gupshup.text(phone, Gupshup.newId(), "hi")).status());

        Http.Response contact = a.get("/cf-a/api/v1/contacts/" + phone);
        assertEquals(200, contact.status(), contact.body());
        assertTrue(contact.json().get("lastInboundAt").isTextual(), contact.body()); // ISO-8601, our mapper
        assertTrue(contact.contentType().startsWith("application/json"), contact.contentType());

        Http.Response noKey = anonymous.get("/cf-a/api/v1/contacts/" + phone);
        assertEquals(401, noKey.status());
        assertTrue(noKey.contentType().startsWith("application/problem+json"), noKey.contentType());
        assertEquals(401, anonymous.withKey("host-token").get("/cf-a/api/v1/contacts/" + phone).status());
        assertEquals(401, anonymous.withKey("key-b").get("/cf-a/api/v1/contacts/" + phone).status());

        Http.Response malformed = a.post("/cf-a/api/v1/messages", "{not json");
        assertEquals(400, malformed.status());
        assertEquals("body", malformed.json().get("field").asText());
        Http.Response missing = a.get("/cf-a/api/v1/contacts/910000000000");
        assertEquals(404, missing.status());
        assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());

        // our 256 KiB, whatever the host allows its own routes
        Http.Response tooLarge = anonymous.post("/cf-a/webhooks/gupshup", "\"" + "x".repeat(300 * 1024) + "\"");
        assertEquals(413, tooLarge.status());
        assertTrue(tooLarge.contentType().startsWith("application/problem+json"), tooLarge.contentType());
    }

    @Test
    void twoEnginesKeepTheirOwnContactsKeysHealthAndMetrics() {
        String phone = Gupshup.newPhone();
        assertEquals(200, anonymous.post("/messaging/cf-b/webhooks/gupshup",
                Gupshup.text(phone, Gupshup.newId(), "hello")).status());
        assertEquals(200, anonymous.withKey("key-b").get("/messaging/cf-b/api/v1/contacts/" + phone).status());
        assertEquals(404, anonymous.withKey("key-a").get("/cf-a/api/v1/contacts/" + phone).status());

        assertEquals("up", anonymous.get("/cf-a/health").json().get("status").asText());
        assertEquals("up", anonymous.get("/messaging/cf-b/health").json().get("database").asText());

        assertEquals(401, anonymous.get("/cf-a/metrics").status());
        Http.Response metrics = anonymous.withKey("key-a").get("/cf-a/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("consentflow_http_server_requests_seconds_count{method=\"GET\","
                + "route=\"/cf-a/health\""), metrics.body());
        assertEquals(404, anonymous.get("/messaging/cf-b/metrics").status()); // not asked for
    }

    /** The console comes with the other routes, under the same prefix; the host's "/" stays the host's. */
    @Test
    void theConsoleIsMountedUnderThePrefix() throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + host.port();
        var console = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/cf-a/console"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, console.statusCode());
        assertEquals("/cf-a/console/sign-in", console.headers().firstValue("Location").orElseThrow());
        var signIn = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                + "/cf-a/console/sign-in")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signIn.statusCode());
        assertTrue(signIn.headers().firstValue("Set-Cookie").orElseThrow().contains("Path=/cf-a/console;"));
        assertTrue(signIn.body().contains("action=\"/cf-a/console/sign-in\""), signIn.body());
        assertTrue(signIn.body().contains("/cf-a/console/assets/console.css"), signIn.body());
        assertEquals(200, anonymous.get("/cf-a/console/assets/htmx.min.js").status());
        assertEquals("/cf-a", anonymous.get("/cf-a/openapi.json").json().get("servers").get(0).get("url").asText());
        assertEquals(404, anonymous.get("/").status());
        assertEquals(404, anonymous.get("/console").status());
    }
}
