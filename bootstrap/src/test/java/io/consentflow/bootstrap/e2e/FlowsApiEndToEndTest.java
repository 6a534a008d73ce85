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

/** The flows API over the running service: import forms, round trip, edits, refusals that store nothing. */
class FlowsApiEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();
    static final JsonNode optinDefinition = ServiceFixture.consentFlowDefinition(0);
    static final JsonNode optoutDefinition = ServiceFixture.consentFlowDefinition(1);

    static String uuid(JsonNode def) {
        return def.get("uuid").asText();
    }

    @Test
    void aBareDefinitionImportsWithQueryKeywordsAndRoundTrips() {
        Http.Response r = http.post("/api/v1/flows/import?keywords=join,Opt%20In&ignoreKeywords=true",
                optinDefinition.toString());
        assertEquals(201, r.status(), r.body());
        JsonNode summary = r.json().get(0);
        assertEquals(uuid(optinDefinition), summary.get("uuid").asText());
        assertEquals("Sahayak consent", summary.get("name").asText());
        assertEquals("[\"join\",\"optin\"]", summary.get("keywords").toString());
        assertTrue(summary.get("ignoreKeywords").asBoolean());

        JsonNode stored = http.get("/api/v1/flows/" + uuid(optinDefinition)).json();
        assertEquals(optinDefinition, stored.get("definition"), "the definition comes back as imported");
        assertTrue(http.get("/api/v1/flows").json().toString().contains(uuid(optinDefinition)));

        String p = Gupshup.newPhone();
        http.post("/webhooks/gupshup", Gupshup.text(p, Gupshup.newId(), "JOIN!"));
        assertEquals(1, http.get("/api/v1/contacts/" + p + "/messages").json().size() - 1, "the keyword starts it");
    }

    @Test
    void keywordsAreUniqueAcrossActiveFlowsAndPatchable() {
        ObjectNode copy = optoutDefinition.deepCopy();
        copy.put("uuid", "5b3c1d2e-0000-4a6b-9c8d-333333333333");
        assertEquals(201, http.post("/api/v1/flows/import?keywords=leave", copy.toString()).status());
        ObjectNode other = optoutDefinition.deepCopy();
        other.put("uuid", "5b3c1d2e-0000-4a6b-9c8d-444444444444");
        Http.Response clash = http.post("/api/v1/flows/import?keywords=Leave!", other.toString());
        assertEquals(422, clash.status(), clash.body());
        assertTrue(clash.json().get("detail").asText().contains("5b3c1d2e-0000-4a6b-9c8d-333333333333"), clash.body());
        assertEquals(404, http.get("/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-444444444444").status(), "nothing stored");

        Http.Response off = http.send("PATCH", "/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-333333333333", "{\"active\":false}");
        assertEquals(200, off.status(), off.body());
        assertEquals(201, http.post("/api/v1/flows/import?keywords=leave", other.toString()).status(),
                "an inactive flow's keyword is free");
        assertEquals(422, http.send("PATCH", "/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-333333333333",
                "{\"active\":true}").status());
        assertEquals(204, http.send("DELETE", "/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-444444444444", null).status());
        assertEquals(404, http.send("DELETE", "/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-444444444444", null).status());
    }

    @Test
    void brokenFlowsAreRefusedNamingTheNodeAndStoreNothing() {
        ObjectNode unknownAction = optoutDefinition.deepCopy();
        unknownAction.put("uuid", "5b3c1d2e-0000-4a6b-9c8d-555555555555");
        ((ObjectNode) unknownAction.get("nodes").get(0).get("actions").get(0)).put("type", "play_audio");
        Http.Response r = http.post("/api/v1/flows/import?keywords=webhooky", unknownAction.toString());
        assertEquals(422, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"));
        String nodeUuid = unknownAction.get("nodes").get(0).get("uuid").asText();
        assertTrue(r.body().contains(nodeUuid) && r.body().contains("play_audio"), r.body());

        ObjectNode dangling = optoutDefinition.deepCopy();
        dangling.put("uuid", "5b3c1d2e-0000-4a6b-9c8d-666666666666");
        ((ObjectNode) dangling.get("nodes").get(0).get("exits").get(0)).put("destination_uuid",
                "00000000-0000-4000-8000-000000000000");
        Http.Response d = http.post("/api/v1/flows/import?keywords=dangle", dangling.toString());
        assertEquals(422, d.status(), d.body());
        assertTrue(d.body().contains("00000000-0000-4000-8000-000000000000"), d.body());

        Http.Response emptyKeyword = http.post("/api/v1/flows/import?keywords=👍", dangling.toString()
                .replace("00000000-0000-4000-8000-000000000000", dangling.get("nodes").get(1).get("uuid").asText()));
        assertEquals(422, emptyKeyword.status(), emptyKeyword.body());

        for (String u : new String[]{"555555555555", "666666666666"}) {
            assertEquals(404, http.get("/api/v1/flows/5b3c1d2e-0000-4a6b-9c8d-" + u).status());
        }
        assertEquals(400, http.post("/api/v1/flows/import", "{\"flows\":[").status());
    }

    @Test
    void settingsMustNameAnExistingFlow() {
        Http.Response r = http.put("/api/v1/settings", "{\"optinFlow\":\"5b3c1d2e-0000-4a6b-9c8d-999999999999\"}");
        assertEquals(422, r.status(), r.body());
        assertEquals("null", http.get("/api/v1/settings").json().get("optinFlow").toString());
    }
}
