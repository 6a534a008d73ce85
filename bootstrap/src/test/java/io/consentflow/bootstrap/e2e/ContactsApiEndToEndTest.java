package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Contacts from outside a conversation over real HTTP against the running service: created and updated with
 * consent given by staff, blocked, listed in keyset pages, exported as CSV; every bad input a 400 naming the field
 * that changes nothing.
 */
class ContactsApiEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();

    private static Http.Response post(String path, String body) {
        return http.post(path, body);
    }

    private static void assertProblem(Http.Response r, int status, String field) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertEquals(field, r.json().path("field").asText(null), r.body());
    }

    @Test
    void createThenUpdateWithConsentGivenByStaff() {
        String p = Gupshup.newPhone();
        Http.Response created = post("/api/v1/contacts", "{\"phone\":\"+" + p + "\",\"name\":\"Asha\",\"language\":\"hi\","
                + "\"fields\":{\"district\":\"Pune\"},\"groups\":[\"Farmers\",\"Pune\"],"
                + "\"consent\":{\"status\":\"opted_in\",\"note\":\"paper form 17, signed 2026-11-02\"}}");
        assertEquals(201, created.status(), created.body());
        JsonNode c = created.json();
        assertEquals(p, c.get("phone").asText());
        assertEquals("hin", c.get("language").asText());
        assertEquals("Pune", c.get("fields").get("district").asText());
        assertEquals("[\"Farmers\",\"Pune\"]", c.get("groups").toString());
        assertEquals("opted_in", c.get("consent").get("status").asText());
        assertEquals("api", c.get("consent").get("method").asText());
        JsonNode history = http.get("/api/v1/contacts/" + p + "/consent-history").json();
        assertEquals(1, history.size());
        assertEquals("paper form 17, signed 2026-11-02", history.get(0).get("evidence").asText());

        Http.Response updated = post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"name\":\"Asha K\","
                + "\"consent\":{\"status\":\"opted_out\"}}");
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Asha K", updated.json().get("name").asText());
        assertEquals("hin", updated.json().get("language").asText(), "what is not given stays");
        assertEquals("opted_out", updated.json().get("consent").get("status").asText());
        assertEquals("invalid", updated.json().get("status").asText());

        // an opt-out is never silently undone: the API may opt back in only with a note, and it is recorded
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"consent\":{\"status\":\"opted_in\"}}"),
                400, "consent.note");
        assertEquals("opted_out", contact(p).get("consent").get("status").asText());
        assertEquals(2, http.get("/api/v1/contacts/" + p + "/consent-history").json().size());
    }

    @Test
    void everyBadInputIsAProblemNamingTheFieldAndChangesNothing() {
        String p = Gupshup.newPhone();
        assertProblem(post("/api/v1/contacts", "{\"name\":\"x\"}"), 400, "phone");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"12ab\"}"), 400, "phone");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"language\":\"klingonese\"}"), 400, "language");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"groups\":[\" \"]}"), 400, "groups[0]");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"consent\":{\"status\":\"maybe\"}}"),
                400, "consent.status");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"consent\":{\"status\":\"opted_in\"}}"),
                400, "consent.note");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"colour\":\"red\"}"), 400, "colour");
        assertProblem(post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"name\":\"" + "n".repeat(257) + "\"}"),
                400, "name");
        assertEquals(404, http.get("/api/v1/contacts/" + p).status(), "no contact was created");

        assertProblem(http.get("/api/v1/contacts?consent=yes"), 400, "consent");
        assertProblem(http.get("/api/v1/contacts?status=gone"), 400, "status");
        assertProblem(http.get("/api/v1/contacts?group=abc"), 400, "group");
        assertProblem(http.get("/api/v1/contacts?limit=0"), 400, "limit");
        assertProblem(http.get("/api/v1/contacts?limit=1001"), 400, "limit");
        assertProblem(http.get("/api/v1/contacts?cursor=not-ours"), 400, "cursor");
        assertProblem(post("/api/v1/contacts/" + p + "/block", null), 404, null);
        assertProblem(post("/api/v1/contacts/abc/block", null), 400, "phone");
    }

    @Test
    void blockingAndUnblocking() {
        String p = Gupshup.newPhone();
        assertEquals(201, post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"consent\":{\"status\":\"opted_out\"}}").status());
        Http.Response blocked = post("/api/v1/contacts/" + p + "/block", null);
        assertEquals(200, blocked.status(), blocked.body());
        assertEquals("blocked", blocked.json().get("status").asText());
        assertEquals("opted_out", blocked.json().get("consent").get("status").asText(), "consent stays");
        // consent from staff does not unblock
        post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"consent\":{\"status\":\"opted_in\",\"note\":\"call\"}}");
        assertEquals("blocked", contact(p).get("status").asText());
        Http.Response unblocked = post("/api/v1/contacts/" + p + "/unblock", null);
        assertEquals("valid", unblocked.json().get("status").asText(), "the status its consent implies");
    }

    @Test
    void listsInKeysetPagesWithFiltersAndExportsTheProofOfConsent() {
        String prefix = "4477" + (100 + (int) (Math.random() * 800));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String p = prefix + String.format("%05d", i);
            phones.add(p);
            String consent = i % 5 == 0 ? ",\"consent\":{\"status\":\"opted_in\",\"note\":\"form " + i + ", \\\"signed\\\"\"}" : "";
            assertEquals(201, post("/api/v1/contacts", "{\"phone\":\"" + p + "\",\"name\":\"Listed " + i + "\""
                    + consent + "}").status());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = http.get("/api/v1/contacts?q=" + prefix + "&limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("contacts").forEach(c -> seen.add(c.get("phone").asText()));
            cursor = page.get("next").isNull() ? null : page.get("next").asText();
            pages++;
        } while (cursor != null);
        assertEquals(phones, seen);
        assertEquals(3, pages);
        JsonNode optedIn = http.get("/api/v1/contacts?consent=opted_in&q=%2B" + prefix).json();
        assertEquals(5, optedIn.get("contacts").size());
        assertNull(optedIn.get("next").textValue());
        assertEquals(0, http.get("/api/v1/contacts?q=" + prefix + "&status=blocked").json().get("contacts").size());

        Http.Response export = http.get("/api/v1/contacts/export?consent=opted_in&q=" + prefix);
        assertEquals(200, export.status(), export.body());
        assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
        String[] lines = export.body().split("\r\n");
        assertEquals("phone,name,language,status,consent,consent_method,consent_at,consent_evidence,groups", lines[0]);
        assertEquals(6, lines.length, export.body());
        assertTrue(lines[1].startsWith(phones.get(0) + ",Listed 0,eng,valid,opted_in,api,"), lines[1]);
        assertTrue(lines[1].endsWith(",\"form 0, \"\"signed\"\"\","), lines[1]);
    }

    private static JsonNode contact(String phone) {
        Http.Response r = http.get("/api/v1/contacts/" + phone);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
