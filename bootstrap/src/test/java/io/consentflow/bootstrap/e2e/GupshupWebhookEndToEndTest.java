package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The foundation slice through the running service: every inbound type, duplicates, bad input, auth. */
class GupshupWebhookEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.withHookToken("hook-token");
    static final Http http = service.http();

    static JsonNode messages(String phone) {
        return http.get("/api/v1/contacts/" + phone + "/messages").json();
    }

    @Test
    void everyInboundTypeIsStoredWithItsText() {
        String p = Gupshup.newPhone();
        ObjectNode caption = Http.JSON.createObjectNode().put("caption", "my form").put("url", "https://x.example/i.jpg")
                .put("contentType", "image/jpeg");
        String[][] cases = {
                {"text", "{\"text\":\"Hi\"}", "Hi"},
                {"quick_reply", "{\"text\":\"Stop promotions\",\"type\":\"button\"}", "Stop promotions"},
                {"button_reply", "{\"id\":\"p\",\"reply\":\"Yes 1\",\"title\":\"Yes\"}", "Yes"},
                {"list_reply", "{\"title\":\"Hindi\",\"id\":\"lang-hi\",\"reply\":\"Hindi 2\",\"postbackText\":\"lang-hi\",\"description\":\"\"}", "Hindi"},
                {"image", caption.toString(), "my form"},
                {"file", "{\"caption\":\"report\",\"url\":\"https://x.example/f.pdf\"}", "report"},
                {"audio", "{\"url\":\"https://x.example/a.ogg\"}", ""},
                {"video", "{\"caption\":\"clip\",\"url\":\"https://x.example/v.mp4\"}", "clip"},
                {"sticker", "{\"url\":\"https://x.example/s.webp\"}", ""},
                {"location", "{\"longitude\":\"77.2090\",\"latitude\":\"28.6139\"}", null},
        };
        for (String[] c : cases) {
            ObjectNode inner;
            try {
                inner = (ObjectNode) Http.JSON.readTree(c[1]);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Http.Response r = service.gupshupCallback(Gupshup.message(p, Gupshup.newId(), c[0], inner));
            assertEquals(200, r.status(), c[0] + ": " + r.body());
        }
        JsonNode ms = messages(p);
        assertEquals(cases.length, ms.size(), ms.toString());
        for (int i = 0; i < cases.length; i++) {
            assertEquals(cases[i][0], ms.get(i).get("type").asText());
            assertEquals("inbound", ms.get(i).get("direction").asText());
            if (cases[i][2] != null) assertEquals(cases[i][2], ms.get(i).get("text").asText(), cases[i][0]);
        }
        JsonNode contact = http.get("/api/v1/contacts/+" + p).json();
        assertEquals("Asha", contact.get("name").asText());
        assertEquals("valid", contact.get("status").asText());
        assertEquals("unknown", contact.get("consent").get("status").asText());
        assertTrue(contact.get("lastInboundAt").asText().endsWith("Z"));
    }

    @Test
    void aDuplicateChangesNothingNotEvenLastInbound() throws Exception {
        String p = Gupshup.newPhone();
        String id = Gupshup.newId();
        assertEquals(200, service.gupshupCallback(Gupshup.text(p, id, "first")).status());
        String before = http.get("/api/v1/contacts/" + p).body();
        Thread.sleep(20);
        assertEquals(200, service.gupshupCallback(Gupshup.text(p, id, "first again")).status());
        assertEquals(before, http.get("/api/v1/contacts/" + p).body());
        assertEquals(1, messages(p).size());
    }

    @Test
    void badInputIsRefusedAndStoresNothing() {
        String p = Gupshup.newPhone();
        Http.Response malformed = service.gupshupCallback("{\"type\":\"message\",");
        assertEquals(400, malformed.status());
        assertTrue(malformed.contentType().startsWith("application/problem+json"), malformed.contentType());
        Http.Response noId = service.gupshupCallback("{\"type\":\"message\",\"payload\":{\"source\":\"" + p
                + "\",\"type\":\"text\",\"payload\":{\"text\":\"x\"}}}");
        assertEquals(400, noId.status());
        assertTrue(noId.body().contains("payload.id"), noId.body());
        Http.Response badPhone = service.gupshupCallback(Gupshup.text("12ab", Gupshup.newId(), "x"));
        assertEquals(400, badPhone.status(), badPhone.body());
        Http.Response wrongType = service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "x").replace("\"version\":2", "\"version\":2,\"timestamp\":\"soon\"")
                .replaceFirst("\"timestamp\":[0-9]+,", ""));
        assertEquals(400, wrongType.status(), wrongType.body());
        assertEquals(404, http.get("/api/v1/contacts/" + p).status(), "nothing stored from refused input");
        String huge = Gupshup.text(p, Gupshup.newId(), "x".repeat(300 * 1024));
        assertEquals(413, service.gupshupCallback(huge).status());
        assertEquals(404, http.get("/api/v1/contacts/" + p).status());
    }

    @Test
    void unknownTypesAreAcceptedAndIgnored() {
        assertEquals(200, service.gupshupCallback("{\"app\":\"NgoBot\",\"timestamp\":1,\"version\":2,\"type\":\"billing-event\",\"payload\":{}}").status());
        String p = Gupshup.newPhone();
        ObjectNode inner = Http.JSON.createObjectNode().put("x", 1);
        assertEquals(200, service.gupshupCallback(Gupshup.message(p, Gupshup.newId(), "hologram", inner)).status());
        assertEquals(404, http.get("/api/v1/contacts/" + p).status());
    }

    @Test
    void credentialsAreChecked() {
        String p = Gupshup.newPhone();
        assertEquals(401, http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "x")).status());
        assertEquals(401, http.post("/webhooks/gupshup?token=wrong", Gupshup.text(p, Gupshup.newId(), "x")).status());
        Http anonymous = http.withKey(null);
        assertEquals(401, anonymous.get("/api/v1/contacts/" + p).status());
        assertEquals(401, http.withKey("wrong").get("/api/v1/contacts/" + p).status());
        assertEquals(200, anonymous.get("/health").status(), "health stays open");
    }

    @Test
    void apiConsentChangeIsRecordedWithMethodApi() {
        String p = Gupshup.newPhone();
        assertEquals(404, http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_in\"}").status());
        service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "hi"));
        Http.Response r = http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_out\",\"note\":\"asked by phone\"}");
        assertEquals(200, r.status(), r.body());
        JsonNode h = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals("api", h.get(0).get("method").asText());
        assertEquals("asked by phone", h.get(0).get("evidence").asText());
        assertEquals("invalid", http.get("/api/v1/contacts/" + p).json().get("status").asText());
        assertEquals(400, http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"maybe\"}").status());
        assertEquals(400, http.get("/api/v1/contacts/12ab").status());
    }

    @Test
    void healthReportsTheDatabase() {
        Http.Response r = http.get("/health");
        assertEquals(200, r.status());
        assertEquals("up", r.json().get("status").asText());
        assertEquals("up", r.json().get("database").asText());
    }

    /** Every Gupshup sample among the fixtures (each type of callback the provider posts) is accepted. */
    @Test
    void providerSamplesAreAccepted() throws IOException, URISyntaxException {
        Path dir = Path.of(GupshupWebhookEndToEndTest.class.getResource("/fixtures/gupshup").toURI());
        List<Path> samples;
        try (Stream<Path> files = Files.list(dir)) {
            samples = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(samples.size() > 10, "samples: " + samples);
        for (Path f : samples) {
            Http.Response r = service.gupshupCallback(Files.readString(f));
            assertEquals(200, r.status(), f + ": " + r.body());
        }
        JsonNode c = http.get("/api/v1/contacts/919812345678").json();
        assertEquals("Asha", c.get("name").asText());
    }
}
