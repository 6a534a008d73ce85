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

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A flow's replies reach the (stand-in) Gupshup server exactly once, in order, as interactive messages where
 * the flow asks for buttons; Gupshup's message events move their status forwards only; failure 1002 marks
 * the number invalid.
 */
class DeliveryEndToEndTest {
    static final StandInProvider gupshup = StandInProvider.gupshup();
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.deliveringToGupshup(gupshup).withConsentFlows().optinForNewContacts();
    static final Http http = service.http();

    static List<StandInProvider.Request> to(String phone) {
        return gupshup.requests.stream().filter(r -> phone.equals(r.form().get("destination"))).toList();
    }

    static JsonNode outbound(String phone, int i) {
        int n = 0;
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound") && n++ == i) return m;
        }
        throw new AssertionError("no outbound message " + i);
    }

    static void hook(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    static String event(String type, String gsId, String phone, String extra) {
        return "{\"app\":\"NgoBot\",\"timestamp\":" + System.currentTimeMillis() + ",\"version\":2,"
                + "\"type\":\"message-event\",\"payload\":{\"id\":\"wa-" + gsId + "\",\"gsId\":\"" + gsId
                + "\",\"type\":\"" + type + "\",\"destination\":\"" + phone + "\",\"payload\":" + extra + "}}";
    }

    @Test
    void repliesReachTheProviderExactlyOnceAndStatusesFlowBack() throws Exception {
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "Hi"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        StandInProvider.Request question = to(p).get(0);
        assertEquals("/wa/api/v1/msg", question.path());
        assertEquals("gs-api-key", question.headers().get("apikey"));
        assertEquals("917834811114", question.form().get("source"));
        JsonNode qr = Http.JSON.readTree(question.form().get("message"));
        assertEquals("quick_reply", qr.get("type").asText());
        assertEquals("👍", qr.get("options").get(0).get("title").asText());
        assertTrue(qr.get("content").get("text").asText().startsWith("Hello Asha!"));

        hook(Gupshup.buttonReply(p, Gupshup.newId(), "👍"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 2);
        JsonNode thanks = Http.JSON.readTree(to(p).get(1).form().get("message"));
        assertEquals("text", thanks.get("type").asText());
        assertTrue(thanks.get("text").asText().startsWith("Thanks Asha"));
        Thread.sleep(500);
        assertEquals(2, to(p).size(), "each reply is sent once");

        await().atMost(Duration.ofSeconds(5)).until(() -> outbound(p, 1).get("status").asText().equals("enqueued"));
        String gsId = to(p).get(0).providerId();
        hook(event("sent", gsId, p, "{\"ts\":1764054199}"));
        assertEquals("sent", outbound(p, 0).get("status").asText());
        hook(event("read", gsId, p, "{\"ts\":1764054299}"));
        hook(event("delivered", gsId, p, "{\"ts\":1764054399}"));
        assertEquals("read", outbound(p, 0).get("status").asText(), "a late delivered does not undo read");
    }

    @Test
    void failure1002MarksTheNumberInvalidAndLaterSendsAreRefused() {
        String p = Gupshup.newPhone();
        hook(Gupshup.text(p, Gupshup.newId(), "Hi"));
        await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() == 1);
        // the provider's answer (its message id) is stored a moment after the stand-in saw the request
        await().atMost(Duration.ofSeconds(5)).until(() -> outbound(p, 0).get("status").asText().equals("enqueued"));
        hook(event("failed", to(p).get(0).providerId(), p, "{\"code\":1002,\"reason\":\"Number Does Not Exists On WhatsApp\"}"));
        JsonNode contact = http.get("/api/v1/contacts/" + p).json();
        assertEquals("invalid", contact.get("status").asText());
        assertEquals("number_invalid", contact.get("consent").get("method").asText());
        assertEquals("failed", outbound(p, 0).get("status").asText());
        Http.Response send = http.post("/api/v1/messages", "{\"phone\":\"" + p + "\",\"text\":\"news\"}");
        assertEquals(422, send.status(), send.body());
        assertEquals("contact_invalid", send.json().get("code").asText());
    }

    @Test
    void providerErrorsAreRetriedNotLost() {
        String p = Gupshup.newPhone();
        gupshup.answerAlways(new StandInProvider.Answer(500, "{\"status\":\"error\"}"));
        try {
            hook(Gupshup.text(p, Gupshup.newId(), "Hi"));
            await().atMost(Duration.ofSeconds(10)).until(() -> to(p).size() >= 1);
        } finally {
            gupshup.acceptAgain();
        }
        // the first retry comes after the first backoff (2 s)
        await().atMost(Duration.ofSeconds(15)).until(() -> to(p).stream().anyMatch(r -> r.answeredStatus() == 202));
        assertEquals(1, to(p).stream().filter(r -> r.answeredStatus() == 202).count());
        assertEquals("enqueued", outbound(p, 0).get("status").asText());
    }
}
