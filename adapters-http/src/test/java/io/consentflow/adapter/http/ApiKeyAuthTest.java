package io.consentflow.adapter.http;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyAuthTest {
    private static final String KEY = "accept-3f9a1c2b7d4e";

    @RegisterExtension
    final TestServer server = new TestServer(new HttpSettings(KEY, null, null, null, 0));

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer accept-3f9a1c2b7d4f", "Basic " + KEY, KEY})
    void apiRequestsWithoutTheRightBearerAre401(String authorization) {
        TestServer.Reply r = authorization.isEmpty()
                ? server.get("/api/v1/settings")
                : server.get("/api/v1/settings", "Authorization", authorization);

        assertEquals(401, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("Unauthorized", r.json().path("title").asText());
        assertFalse(r.body().contains(KEY));
        assertTrue(server.fakes.calls.isEmpty());
    }

    @Test
    void theRightBearerPasses() {
        Phone asha = new Phone("919812345678");
        server.fakes.contacts.put(asha, Contact.newContact(asha, "Asha", Instant.EPOCH));

        assertEquals(200, server.get("/api/v1/settings", "Authorization", "Bearer " + KEY).status());
        assertEquals(200, server.get("/api/v1/contacts/919812345678", "Authorization", "bearer " + KEY).status());
        assertEquals(202, server.post("/api/v1/messages", "{\"phone\":\"919812345678\",\"text\":\"x\"}",
                "Authorization", "Bearer " + KEY).status());
    }

    @Test
    void unknownApiRoutesAreAlsoGuarded() {
        assertEquals(401, server.get("/api/v1/nothing").status());
        assertEquals(404, server.get("/api/v1/nothing", "Authorization", "Bearer " + KEY).status());
    }

    @Test
    void healthAndWebhooksAreNotBehindTheApiKey() {
        assertEquals(200, server.get("/health").status());
        assertEquals(200, server.post("/webhooks/gupshup", Fixtures.read("gupshup/text.json")).status());
        assertEquals(200, server.post("/webhooks/meta", Fixtures.read("meta/text.json")).status());
    }
}
