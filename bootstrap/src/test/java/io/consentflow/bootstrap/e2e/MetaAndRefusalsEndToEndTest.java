package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import io.consentflow.adapter.http.provider.StandInProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Meta Cloud API end to end (signed callbacks in, sends out through a stand-in Graph API, statuses and
 * user preferences back) and every send-policy refusal through the admin API.
 */
class MetaAndRefusalsEndToEndTest {
    static final String SECRET = "meta-app-secret";
    static final StandInProvider graph = StandInProvider.meta();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToMeta(graph, SECRET);
    static final Http http = service.http();

    static int meta(String body, boolean signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String sig = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        String base = http.base();
        HttpRequest.Builder rq = HttpRequest.newBuilder(URI.create(base + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signed) rq.header("X-Hub-Signature-256", sig);
        return HttpClient.newHttpClient().send(rq.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String value(String inner) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"}," + inner + "}}]}]}";
    }

    static String text(String phone, String id, String body, long epochSeconds) {
        return value("\"contacts\":[{\"profile\":{\"name\":\"Meena\"},\"wa_id\":\"" + phone + "\"}],"
                + "\"messages\":[{\"from\":\"" + phone + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + epochSeconds
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + body + "\"}}]");
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static Http.Response send(String phone, String content) {
        return http.post("/api/v1/messages", "{\"phone\":\"" + phone + "\"," + content + "}");
    }

    static String refusal(Http.Response r) {
        assertEquals(422, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        return r.json().get("code").asText();
    }

    @Test
    void signedMetaMessagesAreReceivedAndRepliesGoThroughTheGraphApi() throws Exception {
        String p = Gupshup.newPhone();
        assertEquals(401, meta(text(p, "wamid.in-" + p, "hello", now()), false), "unsigned is refused");
        assertEquals(404, http.get("/api/v1/contacts/" + p).status(), "nothing stored from an unsigned callback");
        assertEquals(200, meta(text(p, "wamid.in-" + p, "hello", now()), true));
        assertEquals("Meena", http.get("/api/v1/contacts/" + p).json().get("name").asText());

        Http.Response queued = send(p, "\"text\":\"Your appointment is tomorrow\"");
        assertEquals(202, queued.status(), queued.body());
        assertEquals("queued", queued.json().get("status").asText());
        String id = queued.json().get("id").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/messages/" + id).json()
                .get("status").asText().equals("enqueued"));
        StandInProvider.Request sent = graph.requests.stream().filter(r -> r.body().contains(p)).findFirst().orElseThrow();
        assertEquals("/106540352242922/messages", sent.path());
        assertEquals("Bearer meta-token", sent.headers().get("authorization"));
        assertEquals("Your appointment is tomorrow", Http.JSON.readTree(sent.body()).get("text").get("body").asText());

        String statuses = value("\"statuses\":[{\"id\":\"" + sent.providerId() + "\",\"status\":\"delivered\","
                + "\"timestamp\":\"" + now() + "\",\"recipient_id\":\"" + p + "\"},{\"id\":\"" + sent.providerId()
                + "\",\"status\":\"read\",\"timestamp\":\"" + now() + "\",\"recipient_id\":\"" + p + "\"}]");
        assertEquals(200, meta(statuses, true));
        assertEquals("read", http.get("/api/v1/messages/" + id).json().get("status").asText());
    }

    @Test
    void userPreferencesStopAndResumeAreRecorded() throws Exception {
        String p = Gupshup.newPhone();
        meta(text(p, "wamid.pref-" + p, "hi", now()), true);
        String stop = value("\"contacts\":[{\"profile\":{\"name\":\"Meena\"},\"wa_id\":\"" + p + "\"}],"
                + "\"user_preferences\":[{\"wa_id\":\"" + p + "\",\"detail\":\"User requested to stop marketing messages\","
                + "\"category\":\"marketing_messages\",\"value\":\"stop\",\"timestamp\":" + now() + "}]")
                .replace("\"field\":\"messages\"", "\"field\":\"user_preferences\"");
        assertEquals(200, meta(stop, true));
        JsonNode consent = http.get("/api/v1/contacts/" + p).json().get("consent");
        assertEquals("opted_out", consent.get("marketing").asText());
        assertEquals("unknown", consent.get("status").asText(), "a marketing stop is not an opt-out");
        assertEquals(200, meta(stop.replace("\"stop\"", "\"resume\""), true));
        assertEquals("opted_in", http.get("/api/v1/contacts/" + p).json().get("consent").get("marketing").asText());
        JsonNode history = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals(2, history.size(), history.toString());
        assertEquals("bsp", history.get(1).get("method").asText());
        assertEquals("marketing", history.get(1).get("topic").asText());
    }

    @Test
    void everyRefusalReasonThroughTheApi() throws Exception {
        assertEquals(404, send(Gupshup.newPhone(), "\"text\":\"x\"").status());

        String optedOut = Gupshup.newPhone();
        meta(text(optedOut, "wamid.o-" + optedOut, "hi", now()), true);
        http.put("/api/v1/contacts/" + optedOut + "/consent", "{\"status\":\"opted_out\"}");
        assertEquals("contact_opted_out", refusal(send(optedOut, "\"text\":\"x\"")));

        String blocked = Gupshup.newPhone();
        meta(text(blocked, "wamid.b-" + blocked, "hi", now()), true);
        service.db().execute("UPDATE contacts SET status = 'blocked' WHERE phone = '" + blocked + "'");
        assertEquals("contact_blocked", refusal(send(blocked, "\"text\":\"x\"")));

        String invalid = Gupshup.newPhone();
        meta(text(invalid, "wamid.i-" + invalid, "hi", now()), true);
        service.db().execute("UPDATE contacts SET status = 'invalid' WHERE phone = '" + invalid + "'");
        assertEquals("contact_invalid", refusal(send(invalid, "\"text\":\"x\"")));

        String quiet = Gupshup.newPhone();
        long twoDaysAgo = now() - 2 * 86400;
        assertEquals(200, meta(text(quiet, "wamid.q-" + quiet, "hi", twoDaysAgo), true));
        assertEquals("session_window_closed", refusal(send(quiet, "\"text\":\"x\"")));
        String template = "\"template\":{\"name\":\"appointment\",\"language\":\"en\",\"params\":[\"Monday\"]}";
        assertEquals("not_opted_in", refusal(send(quiet, template)));
        http.put("/api/v1/contacts/" + quiet + "/consent", "{\"status\":\"opted_in\"}");
        assertEquals(202, send(quiet, template).status(), "a template may reach an opted-in contact outside the window");

        // every refusal is stored with its reason and never handed to the provider
        JsonNode ms = http.get("/api/v1/contacts/" + blocked + "/messages").json();
        JsonNode refused = ms.get(ms.size() - 1);
        assertEquals("refused", refused.get("status").asText());
        assertEquals("contact_blocked", refused.get("reason").asText());
        Thread.sleep(300);
        assertTrue(graph.requests.stream().noneMatch(r -> r.body().contains(blocked)));
    }
}
