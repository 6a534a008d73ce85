package io.consentflow.adapter.http;

import io.consentflow.application.port.in.ManageTemplatesUseCase.TemplateDraft;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.UUID;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateRoutesTest {
    private static final String OFFER = """
            {"name":"diwali_offer","language":"hi","category":"marketing","body":"नमस्ते {{1}}, {{2}}% छूट",
             "header":"दिवाली","footer":"STOP लिखें","buttons":["खरीदें","रोकें"],"providerId":"gs-8812"}""";

    @RegisterExtension
    final TestServer server = TestServer.open();

    @Test
    void aTemplateIsRegisteredReadListedReplacedAndDeleted() throws Exception {
        TestServer.Reply created = server.post("/api/v1/templates", OFFER);

        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        assertEquals(MAPPER.readTree("""
                {"id":"ID","name":"diwali_offer","language":"hi","category":"marketing","body":"नमस्ते {{1}}, {{2}}% छूट",
                 "header":"दिवाली","footer":"STOP लिखें","buttons":["खरीदें","रोकें"],"providerId":"gs-8812","params":2,
                 "createdAt":"2026-03-01T00:00:00Z"}""".replace("ID", id)), created.json());
        assertEquals(List.of(new TemplateDraft("diwali_offer", "hi", TemplateCategory.MARKETING,
                "नमस्ते {{1}}, {{2}}% छूट", "दिवाली", "STOP लिखें", List.of("खरीदें", "रोकें"), "gs-8812")),
                server.fakes.calls(TemplateDraft.class));

        assertEquals(created.json(), server.get("/api/v1/templates/" + id).json());
        assertEquals(1, server.get("/api/v1/templates?name=diwali_offer").json().size());
        assertEquals(0, server.get("/api/v1/templates?name=other").json().size());

        TestServer.Reply replaced = server.put("/api/v1/templates/" + id, """
                {"name":"diwali_offer","language":"hi","category":"utility","body":"No variables"}""");
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("utility", replaced.json().path("category").asText());
        assertEquals(0, replaced.json().path("params").asInt());

        assertEquals(204, server.delete("/api/v1/templates/" + id).status());
        assertEquals(404, server.get("/api/v1/templates/" + id).status());
        assertEquals(404, server.delete("/api/v1/templates/" + id).status());
        assertEquals(404, server.put("/api/v1/templates/" + UUID.randomUUID(), OFFER).status());
    }

    @Test
    void theSameNameAndLanguageTwiceIs409() {
        assertEquals(201, server.post("/api/v1/templates", OFFER).status());
        TestServer.Reply again = server.post("/api/v1/templates", OFFER);

        assertEquals(409, again.status(), again::toString);
        assertTrue(again.isProblem());
        assertEquals("template_exists", again.json().path("code").asText());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\"}`                               | name",
            "`{\"name\":\" \",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\"}`                | name",
            "`{\"name\":\"n\",\"category\":\"utility\",\"body\":\"b\"}`                                    | language",
            "`{\"name\":\"n\",\"language\":\"klingon\",\"category\":\"utility\",\"body\":\"b\"}`           | language",
            "`{\"name\":\"n\",\"language\":\"en\",\"body\":\"b\"}`                                         | category",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"promotional\",\"body\":\"b\"}`            | category",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\"}`                               | body",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"{{1}} {{3}}\"}`      | body",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"{{0}}\"}`            | body",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":7}`                    | body",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\",\"buttons\":[\"\"]}` | buttons[0]",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\",\"buttons\":\"x\"}` | buttons",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\",\"providerId\":\"\"}` | providerId",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\",\"header\":\"0123456789012345678901234567890123456789012345678901234567890\"}` | header",
            "`{\"name\":\"n\",\"language\":\"en\",\"category\":\"utility\",\"body\":\"b\",\"provider_id\":\"x\"}` | provider_id",
            "`[]`                                                                                        | body",
    })
    void aBadBodyIs400NamingTheFieldAndRegistersNothing(String body, String field) {
        TestServer.Reply r = server.post("/api/v1/templates", body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(field, r.json().path("field").asText(), r::toString);
        assertTrue(server.fakes.calls.isEmpty());
        assertTrue(server.fakes.templates.isEmpty());
    }

    @Test
    void anIdThatIsNoUuidIs400() {
        TestServer.Reply r = server.get("/api/v1/templates/12");
        assertEquals(400, r.status(), r::toString);
        assertEquals("id", r.json().path("field").asText());
    }
}
