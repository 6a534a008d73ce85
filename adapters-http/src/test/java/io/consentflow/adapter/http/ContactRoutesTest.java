package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ChangeConsentUseCase.ChangeConsentCommand;
import io.consentflow.application.port.out.StorageUnavailableException;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentStatus;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactRoutesTest {
    private static final Phone ASHA = new Phone("919812345678");
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @RegisterExtension
    final TestServer server = TestServer.open();

    @BeforeEach
    void start() {
        server.fakes.contacts.put(ASHA, Contact.restore(ASHA, "Asha", "hin", Map.of("district", "Pune"), Set.of("pune", "Farmers"),
                ContactStatus.INVALID, new ConsentStatus(ConsentState.OPTED_OUT, T0, ConsentMethod.FLOW, "msg-9"),
                T0.plusSeconds(60), T0.minusSeconds(3600)));
    }

    @Test
    void aContactHasExactlyTheDocumentedShape() throws Exception {
        TestServer.Reply r = server.get("/api/v1/contacts/919812345678");

        assertEquals(200, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/json"), r::toString);
        assertEquals(MAPPER.readTree("""
                {"phone":"919812345678","name":"Asha","language":"hin","status":"invalid",
                 "consent":{"status":"opted_out","at":"2026-11-25T10:00:00Z","method":"flow","marketing":"unknown"},
                 "lastInboundAt":"2026-11-25T10:01:00Z","fields":{"district":"Pune"},"groups":["Farmers","pune"]}"""),
                r.json());
    }

    @Test
    void aNewContactHasUnknownConsentWithNulls() throws Exception {
        Phone p = new Phone("447700900123");
        server.fakes.contacts.put(p, Contact.newContact(p, null, T0));

        TestServer.Reply r = server.get("/api/v1/contacts/447700900123");

        assertEquals(MAPPER.readTree("""
                {"phone":"447700900123","name":null,"language":"eng","status":"valid",
                 "consent":{"status":"unknown","at":null,"method":null,"marketing":"unknown"},"lastInboundAt":null,"fields":{},"groups":[]}"""),
                r.json());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+919812345678", "%2B919812345678"})
    void aLeadingPlusIsAccepted(String phone) {
        TestServer.Reply r = server.get("/api/v1/contacts/" + phone);

        assertEquals(200, r.status(), r::toString);
        assertEquals("919812345678", r.json().path("phone").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/contacts/12ab", "/api/v1/contacts/0919812345678/messages",
            "/api/v1/contacts/123/consent-history"})
    void aMalformedPhoneIs400NamingPhone(String path) {
        TestServer.Reply r = server.get(path);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("phone", r.json().path("field").asText());
        assertTrue(server.fakes.calls.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/consent-history", "/messages"})
    void anUnknownContactIs404(String suffix) {
        TestServer.Reply r = server.get("/api/v1/contacts/447700900999" + suffix);

        assertEquals(404, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("Not Found", r.json().path("title").asText());
    }

    @Test
    void consentHistoryOldestFirstWithItsFields() throws Exception {
        server.fakes.histories.put(ASHA, List.of(
                new ConsentChange(ConsentState.UNKNOWN, ConsentState.OPTED_IN, ConsentMethod.FLOW, "gs-1",
                        "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", T0.minusSeconds(120)),
                new ConsentChange(ConsentState.OPTED_IN, ConsentState.OPTED_OUT, ConsentMethod.BSP,
                        "gupshup:user-event:opted-out", null, T0)));

        TestServer.Reply r = server.get("/api/v1/contacts/919812345678/consent-history");

        assertEquals(200, r.status());
        assertEquals(MAPPER.readTree("""
                [{"from":"unknown","to":"opted_in","method":"flow","evidence":"gs-1","at":"2026-11-25T09:58:00Z",
                  "flow":"dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f","topic":"all"},
                 {"from":"opted_in","to":"opted_out","method":"bsp","evidence":"gupshup:user-event:opted-out",
                  "at":"2026-11-25T10:00:00Z","flow":null,"topic":"all"}]"""), r.json());
    }

    @Test
    void messagesOldestFirstWithReasonAndFlowOnlyWhenPresent() throws Exception {
        UUID in = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID out = UUID.fromString("00000000-0000-0000-0000-000000000002");
        UUID refused = UUID.fromString("00000000-0000-0000-0000-000000000003");
        server.fakes.messages.put(ASHA, List.of(
                ReceivedMessage.of(in, new InboundMessage("gupshup", "gs-1", ASHA, "Asha", MessageType.BUTTON_REPLY,
                        "👍", T0)),
                Fakes.outbound(out, ASHA, "Welcome to our NGO bot", MessageStatus.DELIVERED,
                        "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", null, T0.plusSeconds(1)),
                OutboundMessage.queued(refused, ASHA, MessageType.TEMPLATE, "reminder", null, null, null, false,
                        T0.plusSeconds(2), RefusalReason.NOT_OPTED_IN)));

        TestServer.Reply r = server.get("/api/v1/contacts/919812345678/messages");

        assertEquals(200, r.status());
        assertEquals(MAPPER.readTree("""
                [{"id":"00000000-0000-0000-0000-000000000001","direction":"inbound","type":"button_reply",
                  "text":"👍","status":"received","at":"2026-11-25T10:00:00Z"},
                 {"id":"00000000-0000-0000-0000-000000000002","direction":"outbound","type":"text",
                  "text":"Welcome to our NGO bot","status":"delivered","at":"2026-11-25T10:00:01Z",
                  "flow":"dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f"},
                 {"id":"00000000-0000-0000-0000-000000000003","direction":"outbound","type":"template",
                  "text":"reminder","status":"refused","at":"2026-11-25T10:00:02Z","reason":"not_opted_in"}]"""),
                r.json());
    }

    @Test
    void puttingConsentChangesItWithMethodApiAndTheNoteAsEvidence() {
        TestServer.Reply r = server.put("/api/v1/contacts/919812345678/consent",
                "{\"status\":\"opted_in\",\"note\":\"called the helpline 2026-11-25\"}");

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(new ChangeConsentCommand(ASHA, ConsentState.OPTED_IN, ConsentMethod.API,
                "called the helpline 2026-11-25", null, false)), server.fakes.calls(ChangeConsentCommand.class));
        assertEquals("opted_in", r.json().path("consent").path("status").asText());
        assertEquals("api", r.json().path("consent").path("method").asText());
        assertEquals("valid", r.json().path("status").asText());
        assertEquals("919812345678", r.json().path("phone").asText());
    }

    @Test
    void withoutNoteTheEvidenceIsApi() {
        server.put("/api/v1/contacts/919812345678/consent", "{\"status\":\"opted_out\"}");

        assertEquals("api", server.fakes.calls(ChangeConsentCommand.class).get(0).evidence());
    }

    @Test
    void puttingConsentOfAnUnknownContactIs404AndCreatesNothing() {
        TestServer.Reply r = server.put("/api/v1/contacts/447700900999/consent", "{\"status\":\"opted_in\"}");

        assertEquals(404, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(1, server.fakes.contacts.size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"status\":\"unknown\"}", "{\"status\":\"OPTED-IN\"}", "{\"status\":true}",
            "{\"status\":null}"})
    void aBadStatusIs400NamingStatus(String body) {
        TestServer.Reply r = server.put("/api/v1/contacts/919812345678/consent", body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("status", r.json().path("field").asText());
        assertTrue(server.fakes.calls(ChangeConsentCommand.class).isEmpty());
    }

    @Test
    void malformedJsonIs400() {
        TestServer.Reply r = server.put("/api/v1/contacts/919812345678/consent", "{\"status\":");

        assertEquals(400, r.status());
        assertEquals("body", r.json().path("field").asText());
    }

    @Test
    void storageUnavailableIs503() {
        server.fakes.failWith = new StorageUnavailableException("pool exhausted", null);

        TestServer.Reply r = server.get("/api/v1/contacts/919812345678");

        assertEquals(503, r.status());
        assertTrue(r.isProblem());
    }
}
