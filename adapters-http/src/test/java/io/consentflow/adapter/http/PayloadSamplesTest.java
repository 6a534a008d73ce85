package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.out.FlowDefinitionReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every provider payload and every Glific-shaped export among this module's fixtures is accepted: a callback
 * answers 200 and reaches a use case, an export imports with each definition passed on unchanged.
 */
class PayloadSamplesTest {
    /**
     * Callbacks the adapter acknowledges without calling a use case: billing, a reaction to an earlier message and
     * the sandbox's start event change no contact, consent or message status.
     */
    private static final Set<String> ACKNOWLEDGED_ONLY = Set.of("gupshup/billing-event.json", "gupshup/reaction.json",
            "gupshup/user-event-sandbox-start.json");

    @RegisterExtension
    final TestServer server = TestServer.open();

    static Stream<String> callbacks() {
        return Stream.concat(Fixtures.list("gupshup").stream().map(n -> "gupshup/" + n),
                Fixtures.list("meta").stream().map(n -> "meta/" + n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callbacks")
    void eachCallbackIsAcceptedAndReachesAUseCase(String name) {
        String path = name.startsWith("meta/") ? "/webhooks/meta" : "/webhooks/gupshup";

        TestServer.Reply r = server.post(path, Fixtures.read(name));

        assertEquals(200, r.status(), r::toString);
        assertEquals(ACKNOWLEDGED_ONLY.contains(name), server.fakes.calls.isEmpty(),
                () -> name + " called " + server.fakes.calls);
    }

    @Test
    void theSamplesCoverEveryKindOfCallback() {
        List<String> gupshup = Fixtures.list("gupshup");
        for (String kind : List.of("text", "quick-reply", "button-reply", "list-reply", "image", "location",
                "message-event-delivered", "message-event-failed", "user-event-opted-in", "user-event-opted-out")) {
            assertTrue(gupshup.contains(kind + ".json"), "no gupshup/" + kind + ".json");
        }
        List<String> meta = Fixtures.list("meta");
        for (String kind : List.of("text", "button-reply", "status-delivered", "status-failed")) {
            assertTrue(meta.contains(kind + ".json"), "no meta/" + kind + ".json");
        }
    }

    static List<String> exports() {
        return Fixtures.list("flows").stream().map(n -> "flows/" + n).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exports")
    void eachGlificExportImportsWithItsDefinitionUnchanged(String name) throws IOException {
        String export = Fixtures.read(name);

        TestServer.Reply r = server.post("/api/v1/flows/import", export);

        assertEquals(201, r.status(), r::toString);
        @SuppressWarnings("unchecked")
        List<FlowDefinitionReader.FlowToImport> imports = server.fakes.calls(List.class).get(0);
        JsonNode flows = TestServer.MAPPER.readTree(export).path("flows");
        assertFalse(flows.isEmpty(), name + " has no flows");
        assertEquals(flows.size(), imports.size());
        for (int i = 0; i < flows.size(); i++) {
            assertEquals(flows.get(i).path("definition"), TestServer.MAPPER.readTree(imports.get(i).definitionJson()));
            assertEquals(flows.get(i).path("definition").path("uuid").asText(), r.json().get(i).path("uuid").asText());
        }
    }
}
