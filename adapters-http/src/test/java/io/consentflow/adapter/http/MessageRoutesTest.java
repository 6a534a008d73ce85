package io.consentflow.adapter.http;

import io.consentflow.application.port.in.SendMessageUseCase.TemplateNotFoundException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateParamsMismatchException;
import io.consentflow.application.port.in.SendMessageUseCase.TemplateRequest;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.RefusalReason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageRoutesTest {
    private static final Phone ASHA = new Phone("919812345678");

    @RegisterExtension
    final TestServer server = TestServer.open();

    @BeforeEach
    void start() {
        server.fakes.contacts.put(ASHA, Contact.newContact(ASHA, "Asha", Instant.EPOCH));
    }

    @Test
    void aTextIsQueuedWith202() {
        TestServer.Reply r = server.post("/api/v1/messages", "{\"phone\":\"+919812345678\",\"text\":\"Clinic opens at 9\"}");

        assertEquals(202, r.status(), r::toString);
        assertEquals(List.of("id", "status"), fieldNames(r));
        assertEquals("queued", r.json().path("status").asText());
        UUID id = UUID.fromString(r.json().path("id").asText());
        assertEquals(id, server.fakes.messages.get(ASHA).get(0).id());
        assertEquals(List.of(new Fakes.Send.Call(ASHA, new OutboundContent.Text("Clinic opens at 9", List.of()))),
                server.fakes.calls(Fakes.Send.Call.class));
    }

    @Test
    void aTemplateIsQueuedWithItsParams() {
        TestServer.Reply r = server.post("/api/v1/messages", """
                {"phone":"919812345678","template":{"name":"appointment_reminder","language":"hi","params":["Asha","Monday"]}}""");

        assertEquals(202, r.status(), r::toString);
        assertEquals(List.of(new TemplateRequest("appointment_reminder", "hi", List.of("Asha", "Monday"))),
                server.fakes.calls(TemplateRequest.class));
    }

    @Test
    void aTemplateWithoutLanguageIsLeftToTheRegistry() {
        TestServer.Reply r = server.post("/api/v1/messages", """
                {"phone":"919812345678","template":{"name":"appointment_reminder","params":["Asha"]}}""");

        assertEquals(202, r.status(), r::toString);
        assertEquals(List.of(new TemplateRequest("appointment_reminder", null, List.of("Asha"))),
                server.fakes.calls(TemplateRequest.class));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({"mismatch, template_params_mismatch, template.params", "name, template_not_found, template.name",
            "language, template_not_found, template.language"})
    void aTemplateTheRegistryCannotSendIs422NamingTheField(String kind, String code, String field) {
        server.fakes.send.templateFailure = switch (kind) {
            case "mismatch" -> new TemplateParamsMismatchException("reminder", "en", 2, 1);
            case "name" -> new TemplateNotFoundException("no template named 'reminder'", false);
            default -> new TemplateNotFoundException("not in 'ta'", true);
        };
        TestServer.Reply r = server.post("/api/v1/messages", """
                {"phone":"919812345678","template":{"name":"reminder","params":["Asha"]}}""");

        assertEquals(422, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(code, r.json().path("code").asText());
        assertEquals(field, r.json().path("field").asText());
    }

    @Test
    void aRefusedSendIs422WithTheReasonCode() {
        server.fakes.send.refuse = RefusalReason.SESSION_WINDOW_CLOSED;

        TestServer.Reply r = server.post("/api/v1/messages", "{\"phone\":\"919812345678\",\"text\":\"hi\"}");

        assertEquals(422, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("session_window_closed", r.json().path("code").asText());
        assertEquals(422, r.json().path("status").asInt());
    }

    @Test
    void anUnknownContactIs404() {
        TestServer.Reply r = server.post("/api/v1/messages", "{\"phone\":\"447700900999\",\"text\":\"hi\"}");

        assertEquals(404, r.status(), r::toString);
        assertTrue(r.isProblem());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"text\":\"hi\"}`                                                   | phone",
            "`{\"phone\":\"abc\",\"text\":\"hi\"}`                                 | phone",
            "`{\"phone\":919812345678,\"text\":\"hi\"}`                            | phone",
            "`{\"phone\":\"919812345678\"}`                                        | text",
            "`{\"phone\":\"919812345678\",\"text\":7}`                             | text",
            "`{\"phone\":\"919812345678\",\"text\":\"\"}`                          | text",
            "`{\"phone\":\"919812345678\",\"template\":{\"language\":\"hi\"}}`     | template.name",
            "`{\"phone\":\"919812345678\",\"template\":{\"name\":\"x\",\"language\":\" \"}}` | template.language",
            "`{\"phone\":\"919812345678\",\"template\":{\"name\":\"x\",\"language\":\"hi\",\"params\":[1]}}` | template.params[0]",
            "`{\"phone\":\"919812345678\",\"template\":\"x\"}`                     | template",
            "`{\"phone\":\"919812345678\",\"text\":\"a\",\"template\":{\"name\":\"x\",\"language\":\"hi\"}}` | template",
            "`[]`                                                                  | body",
    })
    void aBadRequestIs400NamingTheField(String body, String field) {
        TestServer.Reply r = server.post("/api/v1/messages", body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty());
    }

    @Test
    void oneMessageCanBeReadBack() throws Exception {
        UUID id = UUID.fromString("5b0c7f3e-1d2a-4e6b-9c8d-7a6b5c4d3e2f");
        server.fakes.messages.put(ASHA, List.of(Fakes.outbound(id, ASHA, "hello", MessageStatus.SENT, null, null,
                Instant.parse("2026-11-25T10:00:00Z"))));

        TestServer.Reply r = server.get("/api/v1/messages/" + id);

        assertEquals(200, r.status(), r::toString);
        assertEquals(MAPPER.readTree("""
                {"id":"5b0c7f3e-1d2a-4e6b-9c8d-7a6b5c4d3e2f","direction":"outbound","type":"text","text":"hello",
                 "status":"sent","at":"2026-11-25T10:00:00Z"}"""), r.json());
    }

    @Test
    void anUnknownMessageIs404AndANonUuidIs400() {
        TestServer.Reply unknown = server.get("/api/v1/messages/" + UUID.randomUUID());
        TestServer.Reply notUuid = server.get("/api/v1/messages/12345");

        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.isProblem());
        assertEquals(400, notUuid.status(), notUuid::toString);
        assertEquals("id", notUuid.json().path("field").asText());
    }

    private static List<String> fieldNames(TestServer.Reply r) {
        List<String> names = new java.util.ArrayList<>();
        r.json().fieldNames().forEachRemaining(names::add);
        return names;
    }
}
