package io.consentflow.adapter.http;

import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.InboundMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admin bodies are ours: a field we do not define, or a value of another type, is a 400 naming it, a body declared
 * as anything but JSON in UTF-8 is a 415, and neither reaches a use case. Webhooks keep taking what providers send,
 * however labelled.
 */
class AdminBodiesTest {
    private static final String FLOW = "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f";
    private static final Phone ASHA = new Phone("919812345678");

    @RegisterExtension
    final TestServer server = TestServer.open();

    @BeforeEach
    void start() {
        server.fakes.flows.put(FLOW, new StoredFlow(Fakes.flow(FLOW, "Optin", List.of("optin"), false, true), "{}",
                Instant.EPOCH));
        server.fakes.contacts.put(ASHA, Contact.newContact(ASHA, "Asha", Instant.EPOCH));
    }

    private TestServer.Reply send(String method, String path, String body, String... headers) {
        return switch (method) {
            case "POST" -> server.post(path, body, headers);
            case "PUT" -> server.put(path, body, headers);
            case "PATCH" -> server.patch(path, body, headers);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "PUT   | /api/v1/settings                    | `{\"optinFlow\":null,\"optin_flow\":null}`                           | optin_flow",
            "PATCH | /api/v1/settings                    | `{\"newcontactflow\":null}`                                          | newcontactflow",
            "PUT   | /api/v1/contacts/919812345678/consent | `{\"status\":\"opted_out\",\"reason\":\"asked\"}`                  | reason",
            "POST  | /api/v1/messages                    | `{\"phone\":\"919812345678\",\"text\":\"hi\",\"preview_url\":true}`  | preview_url",
            "POST  | /api/v1/messages                    | `{\"phone\":\"919812345678\",\"template\":{\"name\":\"t\",\"language\":\"en\",\"parms\":[]}}` | template.parms",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"active\":true,\"ignore_keywords\":true}`        | ignore_keywords",
            "POST  | /api/v1/flows/import                | `{\"flows\":[{\"definition\":{\"nodes\":[]},\"keyword\":[\"x\"]}]}`  | flows[0].keyword",
            "POST  | /api/v1/flows/import                | `{\"flows\":[],\"version\":2}`                                      | version",
    })
    void anUnknownFieldIs400NamingItAndNothingIsCalled(String method, String path, String body, String field) {
        TestServer.Reply r = send(method, path, body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(r.json().path("detail").asText().contains(field.substring(field.lastIndexOf('.') + 1)), r::toString);
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
    }

    /** Bound to records with coercion off: Jackson would otherwise read "true" as true, 5 as "5", " " as null. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "PUT   | /api/v1/settings                    | `{\"optinFlow\":5}`                                   | optinFlow         | must be a string",
            "PUT   | /api/v1/contacts/919812345678/consent | `{\"status\":[\"opted_out\"]}`                        | status            | must be a string",
            "POST  | /api/v1/messages                    | `{\"phone\":\"919812345678\",\"text\":true}`            | text              | must be a string",
            "POST  | /api/v1/messages                    | `{\"phone\":\"919812345678\",\"template\":\"hello\"}`   | template          | must be an object",
            "POST  | /api/v1/messages                    | `{\"phone\":\"919812345678\",\"template\":{\"name\":\"t\",\"language\":\"en\",\"params\":[\"a\",null]}}` | template.params[1] | must be a string",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"active\":\"true\"}`                  | active            | must be true or false",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"ignoreKeywords\":\" \"}`             | ignoreKeywords    | must be true or false",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"active\":1}`                         | active            | must be true or false",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"keywords\":\"join\"}`                | keywords          | must be an array of strings",
            "PATCH | /api/v1/flows/dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f | `{\"keywords\":[\"join\",2]}`            | keywords[1]       | must be a string",
    })
    void aValueOfAnotherTypeIs400NamingItAndNothingIsCalled(String method, String path, String body, String field,
                                                             String rule) {
        TestServer.Reply r = send(method, path, body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem(), r::toString);
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertEquals(field + " " + rule, r.json().path("detail").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
    }

    @Test
    void glificsOwnExportFieldsAreTaken() {
        TestServer.Reply r = server.post("/api/v1/flows/import", "{\"flows\":[{\"definition\":{\"uuid\":\"" + FLOW
                + "\",\"name\":\"N\",\"nodes\":[{\"uuid\":\"0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b\",\"actions\":[],\"exits\":[{\"uuid\":\"2d3e4f50-6172-4839-8c1d-2e3f4a5b6c7d\"}]}]},\"keywords\":[\"x\"],\"ignore_keywords\":false}],"
                + "\"contact_field\":[],\"collections\":[],\"interactive_templates\":[]}");

        assertEquals(201, r.status(), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/xml", "text/xml; charset=utf-8", "application/x-www-form-urlencoded",
            "text/plain", "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1",
            "application/json; charset=\"utf-16\"", "application/json;charset=latin1"})
    void aBodyThatIsNotJsonInUtf8Is415OnEveryAdminRoute(String contentType) {
        String[][] routes = {
                {"PUT", "/api/v1/settings", "{\"optinFlow\":null}"},
                {"PATCH", "/api/v1/settings", "{\"optinFlow\":null}"},
                {"PUT", "/api/v1/contacts/919812345678/consent", "{\"status\":\"opted_out\"}"},
                {"POST", "/api/v1/messages", "{\"phone\":\"919812345678\",\"text\":\"hi\"}"},
                {"PATCH", "/api/v1/flows/" + FLOW, "{\"active\":true}"},
                {"POST", "/api/v1/flows/import", "{\"flows\":[]}"},
        };
        for (String[] route : routes) {
            TestServer.Reply r = send(route[0], route[1], route[2], "Content-Type", contentType);

            assertEquals(415, r.status(), () -> route[0] + " " + route[1] + ": " + r);
            assertTrue(r.isProblem(), r::toString);
            assertEquals("Content-Type", r.json().path("field").asText(), r::toString);
        }
        assertTrue(server.fakes.calls.isEmpty(), () -> "called: " + server.fakes.calls);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON; Charset=\"UTF-8\"",
            "application/merge-patch+json"})
    void jsonInUtf8OrWithoutACharsetIsTaken(String contentType) {
        TestServer.Reply r = server.patch("/api/v1/settings", "{\"optinFlow\":\"" + FLOW + "\"}", "Content-Type",
                contentType);

        assertEquals(200, r.status(), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/json", "application/x-www-form-urlencoded", "text/plain",
            "application/json; charset=ISO-8859-1"})
    void webhooksTakeWhatProvidersSendHoweverLabelled(String contentType) {
        String body = "{\"type\":\"message\",\"payload\":{\"id\":\"g-" + contentType.hashCode() + "\",\"source\":\""
                + ASHA.digits() + "\",\"type\":\"text\",\"payload\":{\"text\":\"hi\"}}}";

        TestServer.Reply r = server.post("/webhooks/gupshup", body, "Content-Type", contentType);

        assertEquals(200, r.status(), r::toString);
        assertEquals(1, server.fakes.calls(InboundMessage.class).size());
        TestServer.Reply meta = server.post("/webhooks/meta", Fixtures.read("meta/text.json"), "Content-Type",
                contentType);
        assertEquals(200, meta.status(), meta::toString);
    }
}
