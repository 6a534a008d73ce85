package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowPatch;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Inputs the fuzz suite (bootstrap's {@code io.consentflow.bootstrap.fuzz}) found answered with a 5xx, an HTML page,
 * a Latin-1 body or a write, each pinned here: they are refused with a 4xx problem naming what is wrong, before any
 * use case runs.
 */
class BadInputRegressionTest {
    private static final String PHONE = "919812345678";
    @RegisterExtension
    final TestServer server = TestServer.open();

    private static String gupshupText(String id, String text) {
        return "{\"type\":\"message\",\"payload\":{\"id\":\"" + id + "\",\"source\":\"" + PHONE
                + "\",\"type\":\"text\",\"payload\":{\"text\":\"" + text + "\"}}}";
    }

    private static void assertProblem(int status, String field, TestServer.Reply r) {
        assertEquals(status, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals(status, r.json().path("status").asInt(), r::toString);
        assertFalse(r.json().path("detail").asText().isBlank(), r::toString);
        if (field != null) assertEquals(field, r.json().path("field").asText(), r::toString);
    }

    // ---- a NUL or an unpaired surrogate: PostgreSQL cannot store it, so it must be refused before any write ----

    @ParameterizedTest
    @ValueSource(strings = {"hi\\u0000x", "\\ud800", "x\\udc00y", "\\udbff"})
    void unstorableTextInAWebhookIs400NamingTheField(String text) {
        TestServer.Reply r = server.post("/webhooks/gupshup", gupshupText("g1", text));

        assertProblem(400, "payload.payload.text", r);
        assertTrue(server.fakes.calls(InboundMessage.class).isEmpty());
    }

    @Test
    void aPairedSurrogateIsFine() {
        TestServer.Reply r = server.post("/webhooks/gupshup", gupshupText("g2", "\\ud83d\\udc4d"));

        assertEquals(200, r.status(), r::toString);
        assertEquals("👍", server.fakes.calls(InboundMessage.class).get(0).text());
    }

    @Test
    void unstorableTextInTheAdminApiIs400() {
        server.fakes.contacts.put(new Phone(PHONE), Contact.newContact(new Phone(PHONE), "Asha", Instant.EPOCH));

        assertProblem(400, "optinFlow", server.put("/api/v1/settings", "{\"optinFlow\":\"a\\u0000\"}"));
        assertProblem(400, "note", server.put("/api/v1/contacts/" + PHONE + "/consent",
                "{\"status\":\"opted_in\",\"note\":\"x\\u0000\"}"));
        assertProblem(400, "text", server.post("/api/v1/messages", "{\"phone\":\"" + PHONE + "\",\"text\":\"a\\u0000\"}"));
        assertProblem(400, "template.params[0]", server.post("/api/v1/messages",
                "{\"phone\":\"" + PHONE + "\",\"template\":{\"name\":\"n\",\"language\":\"en\",\"params\":[\"\\ud800\"]}}"));
        assertProblem(400, "keywords[0]", server.patch("/api/v1/flows/x", "{\"keywords\":[\"ab\\u0000\"]}"));
    }

    @Test
    void anUnstorableFlowDefinitionIs400NamingWhere() {
        String definition = "{\"uuid\":\"5b3c1d2e-0000-4a6b-9c8d-111111111111\",\"name\":\"N\\u0000\",\"nodes\":[]}";

        TestServer.Reply export = server.post("/api/v1/flows/import", "{\"flows\":[{\"definition\":" + definition + "}]}");
        TestServer.Reply bare = server.post("/api/v1/flows/import", definition);
        TestServer.Reply key = server.post("/api/v1/flows/import",
                "{\"flows\":[{\"definition\":{\"nodes\":[],\"_ui\":{\"a\\u0000\":1}}}]}");

        assertProblem(400, "flows[0].definition.name", export);
        assertProblem(400, "name", bare);
        assertProblem(400, "flows[0].definition._ui", key);
        assertTrue(server.fakes.calls(List.class).isEmpty(), "no import reached the use case");
    }

    // ---- timestamps PostgreSQL or java.time cannot hold: refused, never stored out of range --------------------

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999999", "-999999999999999999", "-1", "\"-5\"", "253402300800000"})
    void aGupshupTimestampOutsideTheYears1970To9999Is400(String ts) {
        TestServer.Reply r = server.post("/webhooks/gupshup", "{\"type\":\"user-event\",\"timestamp\":" + ts
                + ",\"payload\":{\"phone\":\"" + PHONE + "\",\"type\":\"opted-in\"}}");

        assertProblem(400, "timestamp", r);
    }

    @Test
    void theLastMillisecondOfYear9999IsAccepted() {
        TestServer.Reply r = server.post("/webhooks/gupshup", "{\"type\":\"user-event\",\"timestamp\":253402300799999"
                + ",\"payload\":{\"phone\":\"" + PHONE + "\",\"type\":\"opted-in\"}}");

        assertEquals(200, r.status(), r::toString);
    }

    @Test
    void aMetaOrMessageEventTimeOutOfRangeIsRefusedAndNeverApplied() {
        TestServer.Reply meta = server.post("/webhooks/meta", "{\"entry\":[{\"changes\":[{\"field\":\"messages\",\"value\":"
                + "{\"messages\":[{\"from\":\"" + PHONE + "\",\"id\":\"w1\",\"timestamp\":\"999999999999999999\",\"type\":\"text\","
                + "\"text\":{\"body\":\"x\"}}]}}]}]}");
        TestServer.Reply preference = server.post("/webhooks/meta", "{\"entry\":[{\"changes\":[{\"field\":\"user_preferences\","
                + "\"value\":{\"user_preferences\":[{\"wa_id\":\"" + PHONE + "\",\"value\":\"stop\",\"timestamp\":-1}]}}]}]}");
        TestServer.Reply event = server.post("/webhooks/gupshup", "{\"type\":\"message-event\",\"payload\":{\"id\":\"x\","
                + "\"type\":\"read\",\"payload\":{\"ts\":99999999999999}}}");

        // a Meta item that cannot be read is skipped and named, the callback answered 200 (Meta would retry it)
        assertEquals(200, meta.status(), meta::toString);
        assertEquals("entry[0].changes[0].value.messages[0].timestamp",
                meta.json().path("skipped").path(0).path("field").asText(), meta::toString);
        assertEquals("entry[0].changes[0].value.user_preferences[0].timestamp",
                preference.json().path("skipped").path(0).path("field").asText(), preference::toString);
        assertTrue(server.fakes.calls(InboundMessage.class).isEmpty(), () -> "called: " + server.fakes.calls);
        assertTrue(server.fakes.calls(ChangeConsentCommand.class).isEmpty(), () -> "called: " + server.fakes.calls);
        assertProblem(400, "payload.payload.ts", event);
    }

    // ---- bodies Jackson cannot decode (UTF-32-looking bytes): a 400 naming the body ----------------------------

    @Test
    void bytesThatAreNoUnicodeTextAre400() {
        byte[] utf32 = {0, 0, 0, '{', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertProblem(400, "body", server.post("/webhooks/gupshup", utf32));
        assertProblem(400, "body", server.post("/webhooks/meta", utf32));
        assertProblem(400, "body", server.post("/api/v1/flows/import", utf32));
    }

    // ---- problem bodies are UTF-8, so a quoted input reads back as sent ----------------------------------------

    @Test
    void aProblemQuotingTheInputIsUtf8() {
        TestServer.Reply r = server.get("/api/v1/contacts/" + "%E0%A5%A7%E0%A5%A8%E0%A5%A9%C3%A9");

        assertProblem(400, "phone", r);
        assertTrue(r.json().path("detail").asText().endsWith("१२३é"), r::toString);
    }

    // ---- errors Jetty answers itself are problems too, not HTML pages -------------------------------------------

    @Test
    void aRequestLineJettyCannotReadIsAProblem() throws Exception {
        for (String target : List.of("/api/v1/contacts/91%ZZ", "/api/v1/contacts/91%00", "/api/v1/flows/%C0%AF",
                "/api/v1/contacts/" + "9".repeat(20_000))) {
            Raw r = raw("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(r.status == 400 || r.status == 414, target + ": " + r);
            assertTrue(r.head.toLowerCase().contains("content-type: application/problem+json"), target + ": " + r);
            assertTrue(r.body.contains("\"status\":" + r.status), r.toString());
        }
        Raw headers = raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, headers.status, headers.toString());
        assertTrue(headers.head.toLowerCase().contains("application/problem+json"), headers.toString());
    }

    // ---- a body that ends before its Content-Length is the client's fault: a 400, not a server error ----------

    @Test
    void aTruncatedBodyIs400() throws Exception {
        Raw r = raw("POST /webhooks/gupshup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"type\":\"mess", true);

        assertEquals(400, r.status, r.toString());
        assertTrue(r.head.toLowerCase().contains("application/problem+json"), r.toString());
        assertTrue(lastFakes.calls(InboundMessage.class).isEmpty());
    }

    // ---- query parameters are UTF-8 whatever the Content-Type's charset, so the token and keywords are kept ----

    @Test
    void anUnknownCharsetDoesNotHideQueryParameters() {
        try (TestServer guarded = new TestServer(new HttpSettings(null, "hook-token", null, null, 0))) {
            TestServer.Reply r = guarded.post("/webhooks/gupshup?token=hook-token", gupshupText("g3", "hi"),
                    "Content-Type", "application/json; charset=\"unknown\"");
            assertEquals(200, r.status(), r::toString);
        }
        // the admin API reads UTF-8 only: another declared charset is a 415 before anything is read
        assertProblem(415, "Content-Type", server.post("/api/v1/flows/import?keywords=join,start",
                "{\"uuid\":\"5b3c1d2e-0000-4a6b-9c8d-111111111111\",\"name\":\"N\",\"nodes\":[]}",
                "Content-Type", "application/json; charset=unknown"));
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
        TestServer.Reply imported = server.post("/api/v1/flows/import?keywords=join,start&ignoreKeywords=true",
                "{\"uuid\":\"5b3c1d2e-0000-4a6b-9c8d-111111111111\",\"name\":\"N\",\"nodes\":[{\"uuid\":\"0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b\",\"actions\":[],\"exits\":[{\"uuid\":\"2d3e4f50-6172-4839-8c1d-2e3f4a5b6c7d\"}]}]}",
                "Content-Type", "application/json; charset=\"UTF-8\"");

        assertEquals(201, imported.status(), imported::toString);
        @SuppressWarnings("unchecked")
        FlowToImport imp = ((List<FlowToImport>) server.fakes.calls(List.class).get(0)).get(0);
        assertEquals(List.of("join", "start"), imp.keywords());
        assertTrue(imp.ignoreKeywords());
    }

    // ---- an unknown flow is a 404 before the use case takes the catalogue lock (and bumps its version) -----

    @Test
    void patchingOrDeletingAnUnknownFlowNeverReachesTheUseCase() {
        assertProblem(404, null, server.patch("/api/v1/flows/nope", "{\"active\":false}"));
        assertProblem(404, null, server.delete("/api/v1/flows/nope"));

        assertTrue(server.fakes.calls(FlowPatch.class).isEmpty());
        assertTrue(server.fakes.calls(String.class).stream().noneMatch(c -> c.startsWith("delete")));
    }

    // ---- raw HTTP ------------------------------------------------------------------------------------------

    private record Raw(int status, String head, String body) {
        @Override
        public String toString() {
            return head + "\n\n" + body;
        }
    }

    private Raw raw(String request) throws Exception {
        return raw(request, false);
    }

    /** Sends bytes as they are; {@code halfClose} ends the request there (the body is shorter than announced). */
    private Raw raw(String request, boolean halfClose) throws Exception {
        Fakes fakes = new Fakes();
        Javalin app = fakes.adapter(HttpSettings.open()).create().start("127.0.0.1", 0);
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (halfClose) s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            lastFakes = fakes;
            return new Raw(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        } finally {
            app.stop();
        }
    }

    /** The fakes behind the last raw request's server. */
    private Fakes lastFakes;
}
