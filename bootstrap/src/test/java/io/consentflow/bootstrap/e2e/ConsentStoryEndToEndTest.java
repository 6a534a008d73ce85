package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's story through the running service with real Gupshup webhooks: opt in, opt out, ignored while out,
 * opt back in by keyword, duplicates without effect, and provider consent events.
 */
class ConsentStoryEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh().withConsentFlows().optinForNewContacts();
    static final Http http = service.http();

    static List<String> outbound(String phone) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound")) out.add(m.get("text").asText());
        }
        return out;
    }

    static JsonNode contact(String phone) {
        Http.Response r = http.get("/api/v1/contacts/" + phone);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static String consent(String phone) {
        JsonNode c = contact(phone);
        return c.get("consent").get("status").asText() + "/" + c.get("status").asText();
    }

    static void post(String body) {
        Http.Response r = http.post("/webhooks/gupshup", body);
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void optInOptOutAndBackInByKeyword() {
        String p = Gupshup.newPhone();
        String hi = Gupshup.newId();
        post(Gupshup.text(p, hi, "Hi"));
        assertEquals(1, outbound(p).size());
        assertTrue(outbound(p).get(0).contains("May we send you updates"), outbound(p).toString());
        assertTrue(outbound(p).get(0).contains("Hello Asha!"), "template rendered: " + outbound(p));
        assertEquals("unknown/valid", consent(p));

        String thumbs = Gupshup.newId();
        post(Gupshup.buttonReply(p, thumbs, "👍"));
        assertEquals("opted_in/valid", consent(p));
        assertTrue(outbound(p).get(1).startsWith("Thanks Asha"), outbound(p).toString());
        JsonNode history = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals(1, history.size());
        assertEquals("flow", history.get(0).get("method").asText());
        assertEquals("unknown", history.get(0).get("from").asText());
        assertEquals("opted_in", history.get(0).get("to").asText());
        String thumbsStoredId = messageIdWithText(p, "👍");
        assertEquals(thumbsStoredId, history.get(0).get("evidence").asText(), "evidence is the inbound message");

        String stop = Gupshup.newId();
        post(Gupshup.text(p, stop, " STOP "));
        assertTrue(last(p).startsWith("Do you really want to stop"), outbound(p).toString());
        post(Gupshup.text(p, Gupshup.newId(), "1"));
        assertEquals("opted_out/invalid", consent(p));
        assertTrue(last(p).startsWith("You are unsubscribed"), "goodbye recorded: " + outbound(p));

        int before = outbound(p).size();
        post(Gupshup.text(p, Gupshup.newId(), "hello"));
        assertEquals(before, outbound(p).size(), "an opted-out contact gets nothing");
        assertEquals("opted_out/invalid", consent(p));

        post(Gupshup.text(p, Gupshup.newId(), "Opt-In!"));
        assertEquals(before + 1, outbound(p).size());
        assertTrue(last(p).contains("May we send you updates"), "the opt-in flow may answer: " + outbound(p));
        post(Gupshup.buttonReply(p, Gupshup.newId(), "👍"));
        assertEquals("opted_in/valid", consent(p));
        assertEquals(3, http.get("/api/v1/contacts/" + p + "/consent-history").json().size());

        // Retried deliveries of earlier messages change nothing at all.
        String messagesBefore = withoutDeliveryStatus(p);
        String contactBefore = http.get("/api/v1/contacts/" + p).body();
        String historyBefore = http.get("/api/v1/contacts/" + p + "/consent-history").body();
        post(Gupshup.text(p, stop, " STOP "));
        post(Gupshup.buttonReply(p, thumbs, "👍"));
        post(Gupshup.text(p, hi, "Hi"));
        assertEquals(messagesBefore, withoutDeliveryStatus(p));
        assertEquals(contactBefore, http.get("/api/v1/contacts/" + p).body());
        assertEquals(historyBefore, http.get("/api/v1/contacts/" + p + "/consent-history").body());
    }

    @Test
    void declineKeepsConsentUnknownAndStopCanBeCancelled() {
        String p = Gupshup.newPhone();
        post(Gupshup.text(p, Gupshup.newId(), "Hi"));
        post(Gupshup.buttonReply(p, Gupshup.newId(), "👎"));
        assertEquals("unknown/valid", consent(p));
        assertTrue(last(p).startsWith("Understood"), outbound(p).toString());
        post(Gupshup.text(p, Gupshup.newId(), "stop"));
        post(Gupshup.text(p, Gupshup.newId(), "2"));
        assertEquals("unknown/valid", consent(p));
        assertTrue(last(p).startsWith("Great, you stay"), outbound(p).toString());
    }

    @Test
    void stopWinsOverAFlowThatIgnoresKeywords() {
        String p = Gupshup.newPhone();
        post(Gupshup.text(p, Gupshup.newId(), "Hi")); // the opt-in flow (ignore_keywords) now waits
        post(Gupshup.text(p, Gupshup.newId(), "STOP"));
        assertTrue(last(p).startsWith("Do you really want to stop"), outbound(p).toString());
    }

    @Test
    void providerUserEventsRecordConsentOnceEach() {
        String q = Gupshup.newPhone();
        post(Gupshup.text(q, Gupshup.newId(), "hello there"));
        long t = System.currentTimeMillis();
        post(Gupshup.userEvent(q, "opted-out", t));
        assertEquals("opted_out/invalid", consent(q));
        post(Gupshup.userEvent(q, "opted-in", t + 1000));
        post(Gupshup.userEvent(q, "opted-in", t + 2000));
        JsonNode history = http.get("/api/v1/contacts/" + q + "/consent-history").json();
        assertEquals(2, history.size(), history.toString());
        assertEquals("bsp", history.get(1).get("method").asText());
        assertEquals("opted_in/valid", consent(q));
        // The event's own time is kept (milliseconds since the epoch).
        assertEquals(java.time.Instant.ofEpochMilli(t).toString().replace(".000Z", "Z").substring(0, 19),
                history.get(0).get("at").asText().substring(0, 19));
    }

    @Test
    void userEventForAnUnknownPhoneCreatesTheContact() {
        String r = Gupshup.newPhone();
        post(Gupshup.userEvent(r, "opted-in", System.currentTimeMillis()));
        assertEquals("opted_in/valid", consent(r));
    }

    /** The messages without their status, which the outbox worker moves on concurrently. */
    static String withoutDeliveryStatus(String phone) {
        JsonNode ms = http.get("/api/v1/contacts/" + phone + "/messages").json();
        ms.forEach(m -> ((com.fasterxml.jackson.databind.node.ObjectNode) m).remove("status"));
        return ms.toString();
    }

    static String last(String phone) {
        List<String> out = outbound(phone);
        return out.isEmpty() ? "" : out.get(out.size() - 1);
    }

    static String messageIdWithText(String phone, String text) {
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("inbound") && text.equals(m.get("text").asText())) {
                return m.get("id").asText();
            }
        }
        throw new AssertionError("no inbound message " + text);
    }
}
