package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 over real HTTP and PostgreSQL: only a flow with the opt-in action may be the opt-in flow, a flow that
 * loops stops at three copies of a text, and a deactivated flow's waiting run ends.
 */
class LoopsAndOptinEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();
    static final JsonNode optinDefinition = ServiceFixture.consentFlowDefinition(0);
    static final JsonNode optoutDefinition = ServiceFixture.consentFlowDefinition(1);

    private static ObjectNode copy(JsonNode definition, String uuid) {
        ObjectNode c = definition.deepCopy();
        c.put("uuid", uuid);
        return c;
    }

    @Test
    void aFlowWithoutTheOptinActionIsNeverTheOptinFlow() {
        // the unsubscribe flow's shape keyed "optin": imported, with a warning, and refused as the setting
        String promo = "5b3c1d2e-0000-4a6b-9c8d-aaaaaaaaaaa1";
        Http.Response imported = http.post("/api/v1/flows/import?keywords=optin", copy(optoutDefinition, promo).toString());
        assertEquals(201, imported.status(), imported.body());
        JsonNode answer = imported.json().get(0);
        assertEquals(promo, answer.get("uuid").asText(), "the existing fields stay");
        assertEquals(1, answer.get("warnings").size(), imported.body());
        assertTrue(answer.get("warnings").get(0).get("detail").asText().contains("not the opt-in flow"), imported.body());

        Http.Response put = http.put("/api/v1/settings", "{\"optinFlow\":\"" + promo + "\"}");
        assertEquals(422, put.status(), put.body());
        assertTrue(put.contentType().startsWith("application/problem+json"), put.contentType());
        assertTrue(put.body().contains("optinFlow") && put.body().contains("opt-in action"), put.body());
        assertEquals("null", http.get("/api/v1/settings").json().get("optinFlow").toString(), "nothing changed");

        // an opted-out contact typing its keyword gets nothing
        String p = Gupshup.newPhone();
        http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "hello"));
        assertEquals(200, http.put("/api/v1/contacts/" + p + "/consent", "{\"status\":\"opted_out\"}").status());
        http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "optin"));
        JsonNode messages = http.get("/api/v1/contacts/" + p + "/messages").json();
        for (JsonNode m : messages) assertEquals("inbound", m.get("direction").asText(), messages.toString());
        assertEquals(204, http.send("DELETE", "/api/v1/flows/" + promo, null).status());
    }

    @Test
    void deactivatingAFlowEndsItsWaitingRunAndItsAnswerGetsNothing() {
        String flow = "5b3c1d2e-0000-4a6b-9c8d-aaaaaaaaaaa2";
        assertEquals(201, http.post("/api/v1/flows/import?keywords=survey", copy(optoutDefinition, flow).toString())
                .status());
        String p = Gupshup.newPhone();
        http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "survey"));
        assertEquals(1, service.db().queryInt("SELECT count(*) FROM runs WHERE phone = '" + p
                + "' AND status = 'active' AND waiting_since IS NOT NULL"));

        assertEquals(200, http.send("PATCH", "/api/v1/flows/" + flow, "{\"active\":false}").status());
        assertEquals(1, service.db().queryInt("SELECT count(*) FROM runs WHERE phone = '" + p
                + "' AND status = 'interrupted' AND end_reason = 'flow_deactivated' AND timeout_at IS NULL"));
        http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "1"));
        JsonNode messages = http.get("/api/v1/contacts/" + p + "/messages").json();
        assertEquals(1, messages.findValues("direction").stream().filter(d -> d.asText().equals("outbound")).count(),
                "only the question sent before: " + messages);
    }

    @Test
    void aFlowThatLoopsWithoutWaitingSendsItsTextThreeTimes() {
        // the unsubscribe flow's question node made to lead back to itself
        String flow = "5b3c1d2e-0000-4a6b-9c8d-aaaaaaaaaaa3";
        ObjectNode loop = copy(optoutDefinition, flow);
        ObjectNode first = (ObjectNode) loop.get("nodes").get(0);
        ((ObjectNode) first.get("exits").get(0)).put("destination_uuid", first.get("uuid").asText());
        assertEquals(201, http.post("/api/v1/flows/import?keywords=loop", loop.toString()).status());
        String p = Gupshup.newPhone();
        assertEquals(200, http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "loop")).status());
        JsonNode messages = http.get("/api/v1/contacts/" + p + "/messages").json();
        assertEquals(3, messages.findValues("direction").stream().filter(d -> d.asText().equals("outbound")).count(),
                messages.toString());
        assertEquals(1, service.db().queryInt("SELECT count(*) FROM runs WHERE phone = '" + p
                + "' AND status = 'interrupted' AND end_reason = 'loop_detected'"));
    }
}
