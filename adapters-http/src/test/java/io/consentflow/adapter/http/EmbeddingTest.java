package io.consentflow.adapter.http;

import io.javalin.Javalin;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingTest {

    @Test
    void aHostCanMountTheAdapterBesideItsOwnRoutes() throws Exception {
        HttpAdapter adapter = new Fakes().adapter(HttpSettings.open());
        Javalin host = Javalin.create(cfg -> {
            cfg.routes.get("/host/ping", ctx -> ctx.result("pong"));
            adapter.configure(cfg);
        }).start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + host.port();
            HttpResponse<String> ping = client.send(HttpRequest.newBuilder(URI.create(base + "/host/ping")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals("pong", ping.body());
            assertEquals(200, health.statusCode());
        } finally {
            host.stop();
        }
    }

    @Test
    void settingsDefaultTheBodyLimitTreatBlankAsUnsetAndNeverPrintSecrets() {
        HttpSettings s = new HttpSettings("k3y-value", " ", null, "app-s3cret", 0);

        assertEquals(HttpSettings.DEFAULT_MAX_BODY_BYTES, s.maxBodyBytes());
        assertEquals(256 * 1024, s.maxBodyBytes());
        assertEquals(null, s.gupshupToken());
        assertFalse(s.toString().contains("k3y-value"), s.toString());
        assertFalse(s.toString().contains("app-s3cret"), s.toString());
        assertTrue(s.toString().contains("gupshupToken=unset"), s.toString());
    }
}
