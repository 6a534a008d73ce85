package io.consentflow.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.adapter.persistence.TestDatabase;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.in.ManageFlowsUseCase.ImportResult;
import io.consentflow.application.port.in.ManageFlowsUseCase.ImportedFlow;
import io.consentflow.domain.keyword.Keyword;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A host imports flows in process, a Glific export or one bare definition, on real PostgreSQL. */
class EmbeddedFlowImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSENT = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    private static final String UNSUBSCRIBE = "5b3c1d2e-0000-4a6b-9c8d-222222222222";
    private static final String CLINIC = "5b3c1d2e-0000-4a6b-9c8d-333333333333";

    @Test
    void aHostImportsAGlificExportAndABareDefinition() throws IOException {
        String export = fixture("/fixtures/consent-flows.json");
        TestDatabase db = TestDatabase.empty();
        try (HikariDataSource pool = DataSources.pool(db.url(), db.user(), db.password(), 2);
             Consentflow engine = Consentflow.builder(pool).build()) {
            ImportResult exported = engine.importGlificExport(export);

            assertEquals(List.of(CONSENT, UNSUBSCRIBE), uuids(exported));
            assertEquals(List.of("optout", "stop"), keywords(exported.flows().get(1)));
            assertTrue(exported.flows().get(1).stored().flow().ignoreKeywords());
            // the definition is kept as the export's subtree, to be exported back
            assertEquals(JSON.readTree(export).at("/flows/0/definition"),
                    JSON.readTree(exported.flows().get(0).stored().definitionJson()));

            ObjectNode definition = (ObjectNode) JSON.readTree(export).at("/flows/1/definition").deepCopy();
            definition.put("uuid", CLINIC).put("name", "Clinic");
            ImportResult bare = engine.importDefinition(JSON.writeValueAsString(definition),
                    List.of("Visit", " clinic "), false);

            assertEquals(List.of(CLINIC), uuids(bare));
            assertEquals(List.of("visit", "clinic"), keywords(bare.flows().get(0)));
            assertEquals(List.of(), bare.flows().get(0).warnings());
            assertEquals(3, engine.manageFlows().list().size());
        } finally {
            db.close();
        }
    }

    @Test
    void aRefusedImportNamesTheFieldAndStoresNothing() throws IOException {
        String export = fixture("/fixtures/consent-flows.json");
        TestDatabase db = TestDatabase.empty();
        try (HikariDataSource pool = DataSources.pool(db.url(), db.user(), db.password(), 2);
             Consentflow engine = Consentflow.builder(pool).build()) {
            FlowFormatException empty = assertThrows(FlowFormatException.class,
                    () -> engine.importGlificExport("{\"flows\":[]}"));
            assertEquals(FlowFormatException.Fault.NOT_AN_IMPORT, empty.fault());
            assertEquals("flows", empty.where());

            JsonNode tree = JSON.readTree(export);
            ((ObjectNode) tree.at("/flows/1/definition/nodes/0/actions/0")).put("type", "play_audio");
            FlowFormatException unknown = assertThrows(FlowFormatException.class,
                    () -> engine.importGlificExport(JSON.writeValueAsString(tree)));
            assertEquals(FlowFormatException.Fault.INVALID_FLOW, unknown.fault());
            assertTrue(unknown.where().startsWith("flows[1].nodes[0]"), unknown.getMessage());
            assertTrue(unknown.detail().contains("unknown action type 'play_audio'"), unknown.getMessage());

            FlowFormatException notJson = assertThrows(FlowFormatException.class,
                    () -> engine.importDefinition("{\"nodes\":", List.of(), false));
            assertEquals(FlowFormatException.Fault.NOT_JSON, notJson.fault());
            assertTrue(engine.manageFlows().list().isEmpty(), "nothing stored from a refused import");
        } finally {
            db.close();
        }
    }

    private static List<String> uuids(ImportResult result) {
        return result.flows().stream().map(f -> f.stored().flow().uuid()).toList();
    }

    private static List<String> keywords(ImportedFlow flow) {
        return flow.stored().flow().keywords().stream().map(Keyword::value).toList();
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = EmbeddedFlowImportTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
