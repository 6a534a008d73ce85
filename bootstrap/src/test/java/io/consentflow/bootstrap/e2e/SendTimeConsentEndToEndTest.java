package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.adapter.http.provider.StandInProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Consent is checked when a message leaves, not only when it was queued: a message held back by provider errors
 * (5xx, then backoff) to a contact who opts out meanwhile, through the API or Gupshup's opted-out event, never
 * reaches the provider once it recovers, and ends {@code refused} with reason {@code contact_opted_out}.
 */
class SendTimeConsentEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup);
    static final Http http = service.http();

    static List<StandInProvider.Request> to(String phone) {
        return gupshup.requests.stream().filter(r -> phone.equals(r.form().get("destination"))).toList();
    }

    static void hook(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    /** A contact who wrote to us (window open; no flow answers) and opted in. */
    static String optedInContact() {
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "hello"));
        Http.Response r = http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_in\"}");
        assertEquals(200, r.status(), r.body());
        return p;
    }

    @Test
    void anOptOutThroughTheApiStopsAMessageHeldBackByProviderErrors() {
        heldBackWhileTheContactOptsOut(p -> {
            Http.Response r = http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_out\"}");
            assertEquals(200, r.status(), r.body());
        });
    }

    @Test
    void aGupshupOptedOutEventStopsAMessageHeldBackByProviderErrors() {
        heldBackWhileTheContactOptsOut(p -> hook(Gupshup.userEvent(p, "opted-out", System.currentTimeMillis())));
    }

    private static void heldBackWhileTheContactOptsOut(Consumer<String> optOut) {
        String p = optedInContact();
        String text = "Health camp on Friday " + UUID.randomUUID();
        String id;
        gupshup.answerAlways(new StandInProvider.Answer(500, "{\"status\":\"error\"}"));
        try {
            Http.Response queued = http.post("/api/v1/messages", "{\"phone\":\"" + p + "\",\"text\":\"" + text + "\"}");
            assertEquals(202, queued.status(), queued.body());
            id = queued.json().get("id").asText();
            // the provider answered 500 once: the message waits in the outbox for its retry (2 s backoff)
            await().atMost(Duration.ofSeconds(10)).until(() -> !to(p).isEmpty());
            optOut.accept(p);
            assertEquals("opted_out", http.get("/api/v1/contacts/" + p).json().get("consent").get("status").asText());
        } finally {
            gupshup.acceptAgain();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !"queued".equals(status(id).get("status").asText()));
        JsonNode message = status(id);
        assertEquals("refused", message.get("status").asText(), message.toString());
        assertEquals("contact_opted_out", message.get("reason").asText());
        assertTrue(to(p).stream().noneMatch(r -> r.answeredStatus() / 100 == 2),
                "the text never reached the provider after the opt-out");
        assertTrue(to(p).stream().allMatch(r -> r.answeredStatus() == 500), "only the attempts before it");
    }

    private static JsonNode status(String id) {
        Http.Response r = http.get("/api/v1/messages/" + id);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }
}
