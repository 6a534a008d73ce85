package io.consentflow.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.bootstrap.support.Gupshup;
import io.consentflow.bootstrap.support.Http;
import io.consentflow.bootstrap.support.ServiceFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Glific's contact CSV imported over real HTTP into the running service, meeting a contact who opted out by a
 * provider's event and one staff blocked: neither changes, both are counted; bad rows are reported by row number
 * and reason while the good ones are imported; the same file again leaves the same state; a multipart upload
 * imports the same way. Groups come from the groups API and a flow's add_contact_groups uses the same ones.
 */
class ContactImportEndToEndTest {
    @RegisterExtension
    static final ServiceFixture service = ServiceFixture.fresh();
    static final Http http = service.http();

    private static Http.Response importCsv(String csv, String fileName) {
        return http.sendBytes("POST", "/api/v1/contacts/import?filename=" + fileName, "text/csv; charset=utf-8",
                csv.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode contact(String phone) {
        Http.Response r = http.get("/api/v1/contacts/" + phone);
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static void assertCounts(JsonNode report, int rows, int created, int updated, int optedIn, int keptOut,
                                     int keptBlocked, int errors) {
        String got = report.toString();
        assertEquals(rows, report.get("rows").asInt(), got);
        assertEquals(created, report.get("created").asInt(), got);
        assertEquals(updated, report.get("updated").asInt(), got);
        assertEquals(optedIn, report.get("optedIn").asInt(), got);
        assertEquals(keptOut, report.get("keptOptedOut").asInt(), got);
        assertEquals(keptBlocked, report.get("keptBlocked").asInt(), got);
        assertEquals(errors, report.get("errorCount").asInt(), got);
    }

    @Test
    void anImportMeetsAnOptedOutAndABlockedContact() {
        String out = Gupshup.newPhone(), blocked = Gupshup.newPhone(), fresh = Gupshup.newPhone(),
                quoted = Gupshup.newPhone(), badLanguage = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.userEvent(out, "opted-out",
                Instant.now().toEpochMilli() - 60_000)).status());
        assertEquals("opted_out", contact(out).get("consent").get("status").asText());
        assertEquals(201, http.post("/api/v1/contacts", "{\"phone\":\"" + blocked + "\",\"name\":\"B\"}").status());
        assertEquals(200, http.post("/api/v1/contacts/" + blocked + "/block", null).status());
        Http.Response group = http.post("/api/v1/groups", "{\"name\":\"Farmers\"}");
        assertEquals(201, group.status(), group.body());
        long farmers = group.json().get("id").asLong();

        String csv = "phone,name,language,collection,opt_in,delete,District\r\n"
                + fresh + ",Ravi,hi,farmers;Pune,2026-01-15,,Pune\r\n"               // row 2
                + out + ",Out,en,Farmers,true,,\r\n"                                   // row 3: opted out
                + blocked + ",Blocked,,Farmers,true,,\r\n"                             // row 4: blocked
                + "12ab,Bad phone,en,,true,,\r\n"                                      // row 5
                + badLanguage + ",Bad language,klingonese,,,,\r\n"                    // row 6
                + Gupshup.newPhone() + ",too,few\r\n"                                  // row 7
                + Gupshup.newPhone() + ",Gone,,,,1,\r\n"                               // row 8: delete
                + "\r\n"                                                               // row 9: blank
                + quoted + ",\"Kumar, \"\"Raj\"\"\",,\"Farmers, Teachers\",,0,\r\n";  // row 10
        Http.Response first = importCsv(csv, "farmers.csv");
        assertEquals(200, first.status(), first.body());
        JsonNode report = first.json();
        assertCounts(report, 8, 2, 2, 1, 1, 1, 4);
        assertEquals("[{\"row\":5,\"reason\":\"phone: '12ab' is not a phone number (E.164 digits, 7 to 15, optional +)\"},"
                        + "{\"row\":6,\"reason\":\"language: unknown language 'klingonese'\"},"
                        + "{\"row\":7,\"reason\":\"has 3 columns, the header has 7\"},"
                        + "{\"row\":8,\"reason\":\"delete: contacts are never deleted here (their consent history is the proof of consent)\"}]",
                report.get("errors").toString());

        JsonNode ravi = contact(fresh);
        assertEquals("Ravi", ravi.get("name").asText());
        assertEquals("hin", ravi.get("language").asText());
        assertEquals("Pune", ravi.get("fields").get("district").asText());
        assertEquals("[\"Farmers\",\"Pune\"]", ravi.get("groups").toString(), "the existing group, as it is named");
        assertEquals("opted_in", ravi.get("consent").get("status").asText());
        assertEquals("import", ravi.get("consent").get("method").asText());
        JsonNode history = http.get("/api/v1/contacts/" + fresh + "/consent-history").json();
        assertEquals(1, history.size());
        assertEquals("import:farmers.csv:row 2:2026-01-15", history.get(0).get("evidence").asText());

        JsonNode o = contact(out);
        assertEquals("opted_out", o.get("consent").get("status").asText(), "an import never overrides an opt-out");
        assertEquals("bsp", o.get("consent").get("method").asText());
        assertEquals("Out", o.get("name").asText(), "the rest of the row applies");
        assertEquals(1, http.get("/api/v1/contacts/" + out + "/consent-history").json().size());
        JsonNode b = contact(blocked);
        assertEquals("blocked", b.get("status").asText());
        assertEquals("unknown", b.get("consent").get("status").asText());
        assertEquals("Kumar, \"Raj\"", contact(quoted).get("name").asText());
        assertEquals("[\"Farmers\",\"Teachers\"]", contact(quoted).get("groups").toString());
        assertEquals(404, http.get("/api/v1/contacts/" + badLanguage).status(), "a bad row creates nobody");

        JsonNode g = http.get("/api/v1/groups/" + farmers).json();
        assertEquals(4, g.get("members").asInt(), g.toString());
        assertEquals(1, g.get("byConsent").get("opted_in").asInt(), g.toString());
        assertEquals(1, g.get("byConsent").get("opted_out").asInt(), g.toString());
        String export = http.get("/api/v1/contacts/export?group=" + farmers).body();

        // the same file again: the same state
        JsonNode again = importCsv(csv, "farmers.csv").json();
        assertCounts(again, 8, 0, 4, 0, 1, 1, 4);
        assertEquals(1, http.get("/api/v1/contacts/" + fresh + "/consent-history").json().size());
        assertEquals(export, http.get("/api/v1/contacts/export?group=" + farmers).body());

        // as a multipart upload (a browser's form), the file's name from the part
        Http.Response multipart = http.sendBytes("POST", "/api/v1/contacts/import",
                "multipart/form-data; boundary=XyZ", multipart("XyZ", "list.csv", csv));
        assertEquals(200, multipart.status(), multipart.body());
        assertCounts(multipart.json(), 8, 0, 4, 0, 1, 1, 4);
        assertEquals(export, http.get("/api/v1/contacts/export?group=" + farmers).body());
    }

    @Test
    void aFileThatCannotBeReadIsRefusedAndChangesNothing() {
        String p = Gupshup.newPhone();
        Http.Response xml = http.sendBytes("POST", "/api/v1/contacts/import", "application/xml", "<a/>".getBytes());
        assertEquals(415, xml.status(), xml.body());
        assertEquals("Content-Type", xml.json().get("field").asText());
        Http.Response latin1 = http.sendBytes("POST", "/api/v1/contacts/import", "text/csv; charset=iso-8859-1",
                ("phone,name\n" + p + ",José\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(415, latin1.status(), latin1.body());
        Http.Response notUtf8 = http.sendBytes("POST", "/api/v1/contacts/import", "text/csv",
                ("phone,name\n" + p + ",José\n").getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(400, notUtf8.status(), notUtf8.body());
        assertEquals("body", notUtf8.json().get("field").asText());
        Http.Response noPhone = importCsv("name,language\nAsha,hi\n", "x.csv");
        assertEquals(400, noPhone.status(), noPhone.body());
        assertEquals("phone", noPhone.json().get("field").asText());
        Http.Response empty = importCsv("", "x.csv");
        assertEquals(400, empty.status(), empty.body());
        Http.Response noFile = http.sendBytes("POST", "/api/v1/contacts/import", "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n--b--\r\n".getBytes());
        assertEquals(400, noFile.status(), noFile.body());
        assertEquals(404, http.get("/api/v1/contacts/" + p).status());
    }

    @Test
    void groupsThroughTheApiAndAFlowAreTheSameGroups() {
        Http.Response created = http.post("/api/v1/groups", "{\"name\":\"Volunteers\"}");
        assertEquals(201, created.status(), created.body());
        long id = created.json().get("id").asLong();
        assertEquals("{\"id\":" + id + ",\"name\":\"Volunteers\",\"members\":0,"
                + "\"byConsent\":{\"unknown\":0,\"opted_in\":0,\"opted_out\":0}}", created.body());
        Http.Response taken = http.post("/api/v1/groups", "{\"name\":\"  VOLUNTEERS \"}");
        assertEquals(409, taken.status(), taken.body());
        assertEquals("name", taken.json().get("field").asText());
        assertEquals(400, http.post("/api/v1/groups", "{\"name\":\"\"}").status());
        assertEquals(400, http.post("/api/v1/groups", "{}").status());
        assertEquals(400, http.get("/api/v1/groups/abc").status());
        assertEquals(404, http.get("/api/v1/groups/999999999").status());

        String known = Gupshup.newPhone(), unknown = Gupshup.newPhone();
        assertEquals(201, http.post("/api/v1/contacts", "{\"phone\":\"" + known + "\"}").status());
        Http.Response refused = http.post("/api/v1/groups/" + id + "/members",
                "{\"phones\":[\"" + known + "\",\"" + unknown + "\"]}");
        assertEquals(422, refused.status(), refused.body());
        assertEquals("phones", refused.json().get("field").asText());
        assertEquals(0, http.get("/api/v1/groups/" + id).json().get("members").asInt(), "nobody added");
        Http.Response badPhone = http.post("/api/v1/groups/" + id + "/members", "{\"phones\":[\"" + known + "\",\"x\"]}");
        assertEquals(400, badPhone.status());
        assertEquals("phones[1]", badPhone.json().get("field").asText());
        Http.Response added = http.post("/api/v1/groups/" + id + "/members", "{\"phones\":[\"+" + known + "\"]}");
        assertEquals(200, added.status(), added.body());
        assertEquals(1, added.json().get("members").asInt());
        assertEquals(1, http.get("/api/v1/contacts?group=" + id).json().get("contacts").size());

        // a flow adds a contact to the group by name, in any case
        String flow = "{\"uuid\":\"6a000000-0000-4000-8000-000000000001\",\"name\":\"Join\",\"spec_version\":\"13.2.0\","
                + "\"language\":\"eng\",\"type\":\"messaging\",\"nodes\":[{\"uuid\":\"6a000000-0000-4000-8000-000000000002\","
                + "\"actions\":[{\"uuid\":\"6a000000-0000-4000-8000-000000000003\",\"type\":\"add_contact_groups\","
                + "\"groups\":[{\"uuid\":\"6a000000-0000-4000-8000-000000000004\",\"name\":\"volunteers\"}]},"
                + "{\"uuid\":\"6a000000-0000-4000-8000-000000000005\",\"type\":\"send_msg\",\"text\":\"Welcome\"}],"
                + "\"exits\":[{\"uuid\":\"6a000000-0000-4000-8000-000000000006\",\"destination_uuid\":null}]}]}";
        Http.Response imported = http.post("/api/v1/flows/import?keywords=join", flow);
        assertEquals(201, imported.status(), imported.body());
        String joiner = Gupshup.newPhone();
        assertEquals(200, service.gupshupCallback(Gupshup.text(joiner, Gupshup.newId(), "join")).status());
        assertEquals("[\"Volunteers\"]", contact(joiner).get("groups").toString());
        assertEquals(2, http.get("/api/v1/groups/" + id).json().get("members").asInt());

        Http.Response renamed = http.send("PATCH", "/api/v1/groups/" + id, "{\"name\":\"Helpers\"}");
        assertEquals(200, renamed.status(), renamed.body());
        assertEquals("[\"Helpers\"]", contact(joiner).get("groups").toString());
        Http.Response removed = http.send("DELETE", "/api/v1/groups/" + id + "/members", "{\"phones\":[\"" + joiner + "\"]}");
        assertEquals(1, removed.json().get("members").asInt(), removed.body());
        assertEquals(204, http.send("DELETE", "/api/v1/groups/" + id, null).status());
        assertEquals(404, http.get("/api/v1/groups/" + id).status());
        assertEquals("[]", contact(known).get("groups").toString());
        assertTrue(http.get("/api/v1/groups").json().isArray());
    }

    static byte[] multipart(String boundary, String fileName, String csv) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nweekly list\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(csv.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
