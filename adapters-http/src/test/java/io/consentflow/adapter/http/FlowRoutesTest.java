package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.application.port.in.ManageFlowsUseCase.FlowPatch;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.InvalidFlowException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.consentflow.adapter.http.TestServer.MAPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowRoutesTest {
    private static final String REGISTRATION = "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String OPTIN = "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f";

    @RegisterExtension
    final TestServer server = TestServer.open();

    @Test
    void aGlificExportImportsEveryFlowWithItsKeywords() throws Exception {
        String export = Fixtures.read("flows/glific-export.json");

        TestServer.Reply r = server.post("/api/v1/flows/import", export);

        assertEquals(201, r.status(), r::toString);
        assertEquals(MAPPER.readTree("""
                [{"uuid":"6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b","name":"Registration","keywords":["register","signup"],
                  "ignoreKeywords":false,"active":true,"warnings":[]},
                 {"uuid":"7b2f3c4d-5e6f-4071-9b8c-0d1e2f3a4b5c","name":"Feedback","keywords":["feedback"],
                  "ignoreKeywords":true,"active":true,"warnings":[]}]"""), r.json());
        List<FlowToImport> imports = onlyImport();
        assertEquals(List.of("register", "Sign Up"), imports.get(0).keywords());
        assertFalse(imports.get(0).ignoreKeywords());
        assertTrue(imports.get(1).ignoreKeywords());
        // each definition is passed as its own JSON text, exactly the definition subtree
        JsonNode exported = MAPPER.readTree(export);
        assertEquals(exported.at("/flows/0/definition"), MAPPER.readTree(imports.get(0).definitionJson()));
        assertEquals(exported.at("/flows/1/definition"), MAPPER.readTree(imports.get(1).definitionJson()));
    }

    @Test
    void importingAFlowKeyedOptinWithoutTheOptinActionAnswersWithAWarning() throws Exception {
        String definition = MAPPER.writeValueAsString(MAPPER.readTree(Fixtures.read("flows/glific-export.json"))
                .at("/flows/0/definition"));
        TestServer.Reply r = server.post("/api/v1/flows/import?keywords=optin", definition);
        assertEquals(201, r.status(), r::toString);
        JsonNode warnings = r.json().get(0).get("warnings");
        assertEquals(1, warnings.size(), r::toString);
        assertTrue(warnings.get(0).get("detail").asText().contains("not the opt-in flow"), r::toString);
        assertEquals("keywords", warnings.get(0).get("path").asText(), r::toString);
        assertEquals("6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b", r.json().get(0).get("uuid").asText());
    }

    @Test
    void aBareDefinitionTakesKeywordsFromTheQuery() throws Exception {
        String definition = MAPPER.writeValueAsString(MAPPER.readTree(Fixtures.read("flows/glific-export.json"))
                .at("/flows/0/definition"));

        TestServer.Reply r = server.post("/api/v1/flows/import?keywords=join,%20enrol%20&ignoreKeywords=true",
                definition);

        assertEquals(201, r.status(), r::toString);
        FlowToImport i = onlyImport().get(0);
        assertEquals(List.of("join", "enrol"), i.keywords());
        assertTrue(i.ignoreKeywords());
        assertEquals(MAPPER.readTree(definition), MAPPER.readTree(i.definitionJson()));
        assertEquals(List.of("join", "enrol"), MAPPER.convertValue(r.json().at("/0/keywords"), List.class));
    }

    @Test
    void aBareDefinitionWithoutQueryHasNoKeywords() {
        TestServer.Reply r = server.post("/api/v1/flows/import",
                "{\"uuid\":\"" + OPTIN + "\",\"name\":\"x\",\"nodes\":[{\"uuid\":\"0b1c2d3e-4f50-4617-8a9b-0c1d2e3f4a5b\",\"actions\":[],\"exits\":[{\"uuid\":\"2d3e4f50-6172-4839-8c1d-2e3f4a5b6c7d\"}]}]}");

        assertEquals(201, r.status(), r::toString);
        assertEquals(List.of(), onlyImport().get(0).keywords());
        assertFalse(onlyImport().get(0).ignoreKeywords());
    }

    @Test
    void anInvalidFlowIs422NamingWhere() {
        server.fakes.flowFailure = new InvalidFlowException("nodes[3] (17b7c45e).actions[0]",
                "unknown action type 'call_webhook'");

        TestServer.Reply r = server.post("/api/v1/flows/import", Fixtures.read("flows/glific-export.json"));

        assertEquals(422, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals("nodes[3] (17b7c45e).actions[0]: unknown action type 'call_webhook'",
                r.json().path("detail").asText());
        assertEquals("nodes[3] (17b7c45e).actions[0]", r.json().path("field").asText());
        assertEquals("nodes[3] (17b7c45e).actions[0]", r.json().path("where").asText());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "`{\"flows\":[`                                         | body",
            "`{\"name\":\"neither\"}`                               | flows",
            "`{\"flows\":[]}`                                       | flows",
            "`{\"flows\":{}}`                                       | flows",
            "`{\"flows\":[{\"keywords\":[\"a\"]}]}`                 | flows[0].definition",
            "`{\"flows\":[{\"definition\":{\"nodes\":[]},\"keywords\":\"a\"}]}` | flows[0].keywords",
            "`{\"flows\":[{\"definition\":{\"nodes\":[]},\"ignore_keywords\":\"yes\"}]}` | flows[0].ignore_keywords",
    })
    void aMalformedImportIs400NamingTheField(String body, String field) {
        TestServer.Reply r = server.post("/api/v1/flows/import", body);

        assertEquals(400, r.status(), r::toString);
        assertTrue(r.isProblem());
        assertEquals(field, r.json().path("field").asText());
        assertTrue(server.fakes.calls.isEmpty());
    }

    @Test
    void aBadIgnoreKeywordsQueryIs400() {
        TestServer.Reply r = server.post("/api/v1/flows/import?ignoreKeywords=maybe", "{\"nodes\":[]}");

        assertEquals(400, r.status());
        assertEquals("ignoreKeywords", r.json().path("field").asText());
    }

    @Test
    void anImportLargerThanTheWebhookLimitIsAccepted() {
        try (TestServer small = new TestServer(new HttpSettings(null, null, null, null, 256))) {
            assertEquals(201, small.post("/api/v1/flows/import", Fixtures.read("flows/glific-export.json")).status());
        }
    }

    @Test
    void listAndGetWithTheDefinitionEmbeddedAsJson() throws Exception {
        server.post("/api/v1/flows/import", Fixtures.read("flows/glific-export.json"));

        TestServer.Reply list = server.get("/api/v1/flows");
        TestServer.Reply one = server.get("/api/v1/flows/" + REGISTRATION);

        assertEquals(200, list.status());
        assertEquals(2, list.json().size());
        assertEquals(List.of("uuid", "name", "keywords", "ignoreKeywords", "active"), names(list.json().get(0)));
        assertEquals(200, one.status(), one::toString);
        assertEquals(List.of("uuid", "name", "keywords", "ignoreKeywords", "active", "definition"), names(one.json()));
        assertTrue(one.json().path("definition").isObject(), one::toString);
        assertEquals(MAPPER.readTree(Fixtures.read("flows/glific-export.json")).at("/flows/0/definition"),
                one.json().path("definition"));
    }

    @Test
    void anUnknownFlowIs404() {
        for (TestServer.Reply r : List.of(server.get("/api/v1/flows/" + OPTIN),
                server.patch("/api/v1/flows/" + OPTIN, "{\"active\":false}"),
                server.delete("/api/v1/flows/" + OPTIN))) {
            assertEquals(404, r.status(), r::toString);
            assertTrue(r.isProblem());
        }
    }

    @Test
    void patchChangesOnlyWhatIsGiven() throws Exception {
        server.fakes.flows.put(OPTIN, new StoredFlow(Fakes.flow(OPTIN, "Optin Workflow", List.of("optin"), true,
                true), "{\"nodes\":[]}", Instant.EPOCH));

        TestServer.Reply r = server.patch("/api/v1/flows/" + OPTIN, "{\"keywords\":[\"Opt-In\",\"join\"],\"active\":false}");

        assertEquals(200, r.status(), r::toString);
        assertEquals(List.of(new FlowPatch(List.of("Opt-In", "join"), null, false)),
                server.fakes.calls(FlowPatch.class));
        assertEquals(MAPPER.readTree("""
                {"uuid":"dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f","name":"Optin Workflow","keywords":["optin","join"],
                 "ignoreKeywords":true,"active":false}"""), r.json());
    }

    @Test
    void aPatchConflictIs422AndABadTypeIs400() {
        server.fakes.flows.put(OPTIN, new StoredFlow(Fakes.flow(OPTIN, "Optin", List.of("optin"), true, true),
                "{}", Instant.EPOCH));
        TestServer.Reply badType = server.patch("/api/v1/flows/" + OPTIN, "{\"ignoreKeywords\":\"true\"}");
        server.fakes.flowFailure = new InvalidFlowException("keywords",
                "keyword 'stop' is already used by flow Optout Workflow");

        TestServer.Reply conflict = server.patch("/api/v1/flows/" + OPTIN, "{\"keywords\":[\"stop\"]}");

        assertEquals(400, badType.status(), badType::toString);
        assertEquals("ignoreKeywords", badType.json().path("field").asText());
        assertEquals(422, conflict.status(), conflict::toString);
        assertEquals("keywords", conflict.json().path("field").asText());
        assertTrue(conflict.json().path("detail").asText().contains("Optout Workflow"));
    }

    @Test
    void aKeywordOfOnlyPunctuationIs422() {
        server.fakes.flows.put(OPTIN, new StoredFlow(Fakes.flow(OPTIN, "Optin", List.of("optin"), true, true),
                "{}", Instant.EPOCH));

        TestServer.Reply r = server.patch("/api/v1/flows/" + OPTIN, "{\"keywords\":[\"!!\"]}");

        assertEquals(422, r.status(), r::toString);
        assertEquals("keywords", r.json().path("field").asText());
    }

    @Test
    void deleteIs204() {
        server.fakes.flows.put(OPTIN, new StoredFlow(Fakes.flow(OPTIN, "Optin", List.of("optin"), true, true),
                "{}", Instant.EPOCH));

        TestServer.Reply r = server.delete("/api/v1/flows/" + OPTIN);

        assertEquals(204, r.status(), r::toString);
        assertTrue(server.fakes.flows.isEmpty());
    }

    @SuppressWarnings("unchecked")
    private List<FlowToImport> onlyImport() {
        List<?> calls = server.fakes.calls(List.class);
        assertEquals(1, calls.size(), () -> "imports: " + calls);
        return (List<FlowToImport>) calls.get(0);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
