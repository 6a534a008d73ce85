package io.consentflow.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.in.ManageFlowsUseCase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every sample in the project's shared reference (../shared/reference) is accepted and handled. */
class SharedPayloadSamplesTest {
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.open();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static List<String> samples() throws IOException {
        Path dir = sharedDir();
        if (dir == null) return Collections.singletonList(null);
        List<String> names = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().forEach(names::add);
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eachSharedSampleIsAcceptedAndReachesAUseCase(String name) throws IOException {
        Assumptions.assumeTrue(name != null, "../shared/reference/payloads is not there");
        String body = Files.readString(sharedDir().resolve(name));
        String path = name.startsWith("meta-") ? "/webhooks/meta" : "/webhooks/gupshup";

        TestServer.Reply r = server.post(path, body);

        assertEquals(200, r.status(), r::toString);
        assertFalse(server.fakes.calls.isEmpty(), "no use case was called for " + name);
    }

    static List<String> flowExports() throws IOException {
        Path dir = sharedDir();
        Path flows = dir == null ? null : dir.resolveSibling("flows");
        if (flows == null || !Files.isDirectory(flows)) return Collections.singletonList(null);
        try (Stream<Path> files = Files.list(flows)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flowExports")
    void eachSharedGlificExportImportsWithItsDefinitionUnchanged(String name) throws IOException {
        Assumptions.assumeTrue(name != null, "../shared/reference/flows is not there");
        String export = Files.readString(sharedDir().resolveSibling("flows").resolve(name));

        TestServer.Reply r = server.post("/api/v1/flows/import", export);

        assertEquals(201, r.status(), r::toString);
        @SuppressWarnings("unchecked")
        List<ManageFlowsUseCase.FlowImport> imports = server.fakes.calls(List.class).get(0);
        JsonNode flows = TestServer.MAPPER.readTree(export).path("flows");
        assertEquals(flows.size(), imports.size());
        for (int i = 0; i < flows.size(); i++) {
            assertEquals(flows.get(i).path("definition"), TestServer.MAPPER.readTree(imports.get(i).definitionJson()));
            assertEquals(flows.get(i).path("definition").path("uuid").asText(), r.json().get(i).path("uuid").asText());
        }
    }

    /** From the project root (../shared) or from this module's directory (../../shared). */
    private static Path sharedDir() {
        for (String candidate : List.of("../shared/reference/payloads", "../../shared/reference/payloads")) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }
}
