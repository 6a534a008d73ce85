package io.consentflow.adapter.persistence.flowformat;

import io.consentflow.application.port.out.FlowDefinitionReader.FlowToImport;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.SendInteractiveMsg;
import io.consentflow.domain.flow.action.SendMsg;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.message.Interactive;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exports in the shape Glific writes for its seeded opt-in and opt-out flows (the export envelope, {@code _ui} with
 * stickies, {@code vars}, a Hindi localization, an interactive quick-reply question as JSON text), written for this
 * project in {@code src/test/resources/fixtures/flows/glific-*.json}.
 */
class GlificExportsTest {
    private final FlowFormat format = new FlowFormat();

    /** The export read as an import is: envelope and definitions in one pass, keywords normalised as the service does. */
    private List<Flow> readExport(String file) {
        List<Flow> flows = new ArrayList<>();
        for (FlowToImport entry : format.readImport(FlowFiles.read(file), List.of(), false)) {
            List<Keyword> keywords = entry.keywords().stream().map(Keyword::of).toList();
            flows.add(entry.flow().withTriggers(keywords, entry.ignoreKeywords(), true));
        }
        return flows;
    }

    @Test
    void readsAGlificOptinExportStartingAtTheInteractiveQuestion() {
        List<Flow> flows = readExport("glific-optin.json");
        assertEquals(1, flows.size());
        Flow optin = flows.get(0);
        assertEquals("Optin Workflow", optin.name());
        assertEquals(List.of(new Keyword("optin")), optin.keywords());
        assertTrue(optin.ignoreKeywords());
        SendInteractiveMsg ask = assertInstanceOf(SendInteractiveMsg.class, optin.startNode().actions().get(0));
        assertEquals(Interactive.Kind.QUICK_REPLY, ask.message().kind());
        assertEquals(List.of("👍", "👎"), ask.message().buttons());
        assertEquals("Stay in touch", ask.message().header());
        assertTrue(ask.message().text().startsWith("Welcome to our NGO bot, @contact.name!"), ask.message().text());
        Node wait = optin.node(optin.startNode().exits().get(0).destination()).orElseThrow();
        assertEquals(300, wait.router().waitFor().timeoutSeconds());
        assertTrue(optin.nodes().stream().flatMap(n -> n.actions().stream())
                .anyMatch(a -> a instanceof SetContactField f && f.key().equals("settings")
                        && f.value().equals("optin")));
    }

    @Test
    void readsAGlificOptoutExport() {
        List<Flow> flows = readExport("glific-optout.json");
        assertEquals(1, flows.size());
        Flow optout = flows.get(0);
        assertEquals(List.of(new Keyword("optout"), new Keyword("stop")), optout.keywords());
        SendMsg ask = assertInstanceOf(SendMsg.class, optout.startNode().actions().get(0));
        assertTrue(ask.text().startsWith("We are sad to see you go"), ask.text());
        assertTrue(optout.nodes().stream().flatMap(n -> n.actions().stream())
                .anyMatch(a -> a instanceof SetContactField f && f.value().equals("optout")));
    }
}
