package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * send_broadcast, open_ticket and call_classifier through the running service: the import warns of what behaves
 * differently from Glific, a broadcast reaches an opted-in recipient and is refused to an opted-out one (each in
 * its own transaction, after the sender's), and the ticket is read at {@code GET /api/v1/tickets}.
 */
class ReachActionsEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();
    static JsonNode imported;

    @BeforeAll
    static void importTheFlow() {
        Http.Response r = http.post("/api/v1/flows/import?keywords=announce",
                ServiceFixture.resource("/fixtures/reach-flow.json"));
        assertEquals(201, r.status(), r.body());
        imported = r.json().get(0);
    }

    @Test
    void theImportAnswersWhatWillBehaveDifferentlyFromGlific() {
        List<String> paths = new ArrayList<>();
        imported.get("warnings").forEach(w -> paths.add(w.get("path").asText()));
        assertTrue(paths.contains("nodes[0] (8d2e1f30-0000-4a6b-9c8d-0000000000a1).actions[0].contacts[0]"), paths::toString);
        assertTrue(paths.contains("nodes[1] (8d2e1f30-0000-4a6b-9c8d-0000000000a2).actions[0]"), paths::toString);
        assertTrue(paths.contains("nodes[1] (8d2e1f30-0000-4a6b-9c8d-0000000000a2).router.cases[0]"), paths::toString);
        assertTrue(paths.contains("localization.klingon"), paths::toString);
        imported.get("warnings").forEach(w -> assertTrue(!w.get("detail").asText().isBlank()));
        assertEquals("Announce", imported.get("name").asText(), "the answer keeps its fields");
    }

    @Test
    void aBroadcastReachesTheOptedInRecipientIsRefusedToTheOptedOutOneAndTheTicketIsListed() throws Exception {
        String in = Gupshup.newPhone();
        String out = Gupshup.newPhone();
        for (String p : List.of(in, out)) {
            assertEquals(200, service.gupshupCallback(Gupshup.text(p, Gupshup.newId(), "hello")).status());
        }
        assertEquals(200, http.put("/api/v1/contacts/" + in + "/consent",
                "{\"status\":\"opted_in\",\"note\":\"form\"}").status());
        assertEquals(200, http.put("/api/v1/contacts/" + out + "/consent",
                "{\"status\":\"opted_out\",\"note\":\"asked\"}").status());

        String sender = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(sender, Gupshup.newId(), "hello")).status());
        // the sender's flow names its recipients through its fields (urns and legacy_vars render expressions)
        service.db().execute("UPDATE contacts SET fields = '{\"first\":\"whatsapp:" + in + "\",\"second\":\"+"
                + out + "\"}' WHERE phone = '" + sender + "'");
        assertEquals(200, service.gupshupCallback(Gupshup.text(sender, Gupshup.newId(), "announce")).status());
        assertEquals(List.of("Ticket opened"), outbound(sender).stream().map(m -> m.get("text").asText()).toList(),
                "the classifier's Failure route, after the ticket's Success");

        JsonNode toIn = await(in);
        assertEquals("Meeting at 5, from " + name(sender), toIn.get("text").asText());
        assertTrue(List.of("queued", "sending", "enqueued", "sent").contains(toIn.get("status").asText()), toIn::toString);
        JsonNode toOut = await(out);
        assertEquals("refused", toOut.get("status").asText(), toOut::toString);
        assertEquals("contact_opted_out", toOut.get("reason").asText());

        JsonNode tickets = http.get("/api/v1/tickets?limit=10").json();
        JsonNode ticket = null;
        for (JsonNode t : tickets) if (t.get("phone").asText().equals(sender)) ticket = t;
        assertTrue(ticket != null, tickets::toString);
        assertEquals("Query", ticket.get("topic").asText());
        assertEquals("Asked: announce", ticket.get("body").asText());
        assertEquals("staff@ngo.example", ticket.get("assignee").asText());
        assertEquals(400, http.get("/api/v1/tickets?cursor=nope").status());
    }

    private static String name(String phone) {
        JsonNode n = http.get("/api/v1/contacts/" + phone).json().get("name");
        return n == null || n.isNull() ? "" : n.asText();
    }

    private static List<JsonNode> outbound(String phone) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : http.get("/api/v1/contacts/" + phone + "/messages").json()) {
            if (m.get("direction").asText().equals("outbound")) out.add(m);
        }
        return out;
    }

    /** The first outbound message to {@code phone}, once the scheduler applied the broadcast (at most 20 s). */
    private static JsonNode await(String phone) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            List<JsonNode> out = outbound(phone);
            if (!out.isEmpty()) return out.get(0);
            Thread.sleep(100);
        }
        throw new AssertionError("the broadcast never reached " + phone);
    }
}
