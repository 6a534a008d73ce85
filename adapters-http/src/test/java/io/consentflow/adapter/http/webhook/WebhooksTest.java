package io.consentflow.adapter.http.webhook;

import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Glific's FUNCTION webhooks: a host's function by name, given the rendered body, answering a JSON object. */
class WebhooksTest {
    private final Map<String, Object> given = new HashMap<>();
    private final Webhooks webhooks = Webhooks.create(HttpClient::newHttpClient, Duration.ofSeconds(1), false,
            Map.<String, Function<Map<String, Object>, Map<String, Object>>>of(
            "lookup_plan", body -> {
                given.putAll(body);
                return Map.of("plan", Map.of("name", "Gold"), "items", List.of(1, 2));
            },
            "broken", body -> {
                throw new IllegalStateException("host bug");
            },
            "silent", body -> null));

    private WebhookOutcome function(String name, String body) {
        return webhooks.call(new WebhookRequest("FUNCTION", name, Map.of(), body), UUID.randomUUID());
    }

    @Test
    void aRegisteredFunctionGetsTheBodyAndItsAnswerIsSuccess() {
        WebhookOutcome o = function("lookup_plan", "{\"phone\":\"919812345678\",\"n\":2,\"flags\":[true]}");
        assertTrue(o.succeeded());
        assertEquals(Map.of("phone", "919812345678", "n", 2, "flags", List.of(true)), given);
        assertEquals("Gold", o.fields().get("plan.name"));
        assertEquals("2", o.fields().get("items.1"));
        assertTrue(o.json().contains("\"plan\":{\"name\":\"Gold\"}"), o.json());
        assertTrue(webhooks.registered("lookup_plan"));
        assertFalse(webhooks.registered("nobody"));
    }

    @Test
    void anUnregisteredNameABadBodyAFailingOrSilentFunctionAreFailure() {
        assertEquals("no_function", function("nobody", "{}").failure());
        assertEquals("not_json", function("lookup_plan", "{\"broken").failure());
        assertEquals("not_json", function("lookup_plan", "[1]").failure());
        assertEquals("function_failed", function("broken", "{}").failure());
        assertEquals("function_failed", function("silent", "{}").failure());
        assertTrue(function("lookup_plan", "").succeeded(), "no body: an empty object");
    }

    @Test
    void storableTextOnly() {
        assertEquals("a\uFFFDb", WebhookAnswers.storable("a\u0000b"));
        assertEquals("x\uFFFD", WebhookAnswers.storable("x\ud800"));
        assertEquals("ok 😀", WebhookAnswers.storable("ok 😀"));
        WebhookOutcome o = WebhookAnswers.of(200, "{\"a\":\"x\\u0000y\"}".getBytes());
        assertEquals("x\uFFFDy", o.fields().get("a"));
    }
}
