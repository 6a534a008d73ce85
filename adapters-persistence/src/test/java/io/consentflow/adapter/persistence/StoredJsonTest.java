package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.Media;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundContent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredJsonTest {
    @Test
    void everyKindRoundTrips() {
        List<OutboundContent> all = List.of(
                new OutboundContent.Text("Hi \"there\" 👋", List.of("Yes", "No")),
                new OutboundContent.Text(null, List.of()),
                new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.QUICK_REPLY, null, "Pick",
                        List.of("1", "2"), null, List.of())),
                new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LIST, "H", "Body",
                        List.of(), "Open", List.of(new Interactive.Section("S", List.of(
                                new Interactive.Row("r1", "d1"), new Interactive.Row("r2", null)))))),
                new OutboundContent.Template("welcome", "en", List.of("Asha")),
                new OutboundContent.Template("welcome", "hi", List.of("Asha"), "9c1a7a4e-2f7d-4c55-9c0e-3d7f7f1c2b11"),
                new OutboundContent.Template("offer", "en_US", List.of("Asha"), null,
                        io.consentflow.domain.template.TemplateCategory.MARKETING, "gs-offer-1"),
                new OutboundContent.MediaContent(new Media(MessageType.IMAGE, "https://cdn.example/a.jpg", "Card")),
                new OutboundContent.MediaContent(new Media(MessageType.FILE, "https://cdn.example/a.pdf", "")));
        for (OutboundContent content : all) {
            assertEquals(content, StoredJson.content(StoredJson.content(content)));
        }
        assertNull(StoredJson.content((OutboundContent) null));
        assertNull(StoredJson.content((String) null));
    }

    @Test
    void theKindIsWrittenAsADiscriminator() {
        String json = StoredJson.content(new OutboundContent.Template("welcome", "en", List.of()));
        assertTrue(json.contains("\"kind\":\"template\""), json);
        assertThrows(IllegalStateException.class, () -> StoredJson.content("{\"kind\":\"carousel\"}"));
    }

    /** The shapes the columns held before Jackson wrote them, exactly as the hand-written writer produced them. */
    @Test
    void rowsStoredBeforeReadAsTheyWere() {
        assertEquals(new OutboundContent.Text("Hello", List.of("Yes", "No")), StoredJson.content(
                "{\"kind\":\"text\",\"body\":\"Hello\",\"quick_replies\":[\"Yes\",\"No\"]}"));
        assertEquals(new OutboundContent.Template("optin_reminder", "en", List.of("Asha")), StoredJson.content(
                "{\"kind\":\"template\",\"name\":\"optin_reminder\",\"language\":\"en\",\"params\":[\"Asha\"]}"));
        assertEquals(new OutboundContent.InteractiveContent(new Interactive(Interactive.Kind.LIST, "Menu", "Pick",
                        List.of(), "Topics", List.of(new Interactive.Section("Health",
                                List.of(new Interactive.Row("Sleep", null)))))),
                StoredJson.content("{\"kind\":\"interactive\",\"message\":{\"kind\":\"list\",\"header\":\"Menu\","
                        + "\"text\":\"Pick\",\"buttons\":[],\"list_button\":\"Topics\",\"sections\":[{\"title\":"
                        + "\"Health\",\"rows\":[{\"title\":\"Sleep\",\"description\":null}]}]}}"));

        Map<String, RunResult> results = new LinkedHashMap<>();
        results.put("choice", new RunResult("Choice", "1", "One", "1", "node-9",
                Instant.parse("2026-03-01T10:00:00.123456Z")));
        results.put("name", new RunResult("Name", "Asha", "All Responses", "Asha", "node-2", null));
        String stored = "{\"choice\":{\"name\":\"Choice\",\"value\":\"1\",\"category\":\"One\",\"input\":\"1\","
                + "\"node_uuid\":\"node-9\",\"at\":\"2026-03-01T10:00:00.123456Z\"},\"name\":{\"name\":\"Name\","
                + "\"value\":\"Asha\",\"category\":\"All Responses\",\"input\":\"Asha\",\"node_uuid\":\"node-2\","
                + "\"at\":null}}";
        assertEquals(results, StoredJson.results(stored));
        assertEquals(StoredJson.tree(stored, "runs.results"),
                StoredJson.tree(StoredJson.results(results), "runs.results"), "written in the same shape");
    }

    @Test
    void theShapesWrittenAreTheStoredOnes() {
        JsonNode text = StoredJson.tree(StoredJson.content(new OutboundContent.Text("Hi", List.of("A"))), "c");
        assertEquals(StoredJson.tree("{\"kind\":\"text\",\"body\":\"Hi\",\"quick_replies\":[\"A\"]}", "c"), text);
        JsonNode list = StoredJson.tree(StoredJson.content(new OutboundContent.InteractiveContent(new Interactive(
                Interactive.Kind.QUICK_REPLY, null, "Pick", List.of("1"), null, List.of()))), "c");
        assertEquals(StoredJson.tree("{\"kind\":\"interactive\",\"message\":{\"kind\":\"quick_reply\",\"header\":"
                + "null,\"text\":\"Pick\",\"buttons\":[\"1\"],\"list_button\":null,\"sections\":[]}}", "c"), list);
        JsonNode media = StoredJson.tree(StoredJson.content(new OutboundContent.MediaContent(new Media(
                MessageType.FILE, "https://cdn.example/a.pdf", "Form"))), "c");
        assertEquals(StoredJson.tree("{\"kind\":\"media\",\"media\":{\"type\":\"file\",\"url\":"
                + "\"https://cdn.example/a.pdf\",\"caption\":\"Form\"}}", "c"), media);
        assertEquals("{}", StoredJson.fields(Map.of()));
        assertEquals(Map.of("city", "Pune"), StoredJson.fields(StoredJson.fields(Map.of("city", "Pune"))));
    }

    @Test
    void runErrorsAreNullWhenNoneAndRoundTripOtherwise() {
        assertNull(StoredJson.errors(List.of()));
        assertEquals(List.of(), StoredJson.errors((String) null));
        List<RunError> errors = List.of(new RunError(RunError.EMPTY_MESSAGE, "a text message rendered empty", "n1",
                Instant.parse("2026-03-01T10:00:00.123456Z")));
        String json = StoredJson.errors(errors);
        assertEquals(StoredJson.tree("[{\"code\":\"empty_message\",\"detail\":\"a text message rendered empty\","
                + "\"node_uuid\":\"n1\",\"at\":\"2026-03-01T10:00:00.123456Z\"}]", "runs.errors"),
                StoredJson.tree(json, "runs.errors"));
        assertEquals(errors, StoredJson.errors(json));
    }
}
