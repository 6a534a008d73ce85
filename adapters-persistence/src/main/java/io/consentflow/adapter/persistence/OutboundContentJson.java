package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.domain.message.Interactive;
import io.consentflow.domain.message.OutboundContent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link OutboundContent} in the {@code messages.content} column: an object whose {@code kind} ({@code text},
 * {@code interactive}, {@code template}) says which record it is.
 */
final class OutboundContentJson {
    private OutboundContentJson() {
    }

    static String write(OutboundContent content) {
        if (content == null) return null;
        ObjectNode node = Json.MAPPER.createObjectNode();
        if (content instanceof OutboundContent.Text text) {
            node.put("kind", "text");
            node.put("body", text.body());
            node.set("quick_replies", Json.strings(text.quickReplies()));
        } else if (content instanceof OutboundContent.InteractiveContent interactive) {
            node.put("kind", "interactive");
            node.set("message", interactive(interactive.message()));
        } else if (content instanceof OutboundContent.Template template) {
            node.put("kind", "template");
            node.put("name", template.name());
            node.put("language", template.language());
            node.set("params", Json.strings(template.params()));
        } else {
            throw new IllegalArgumentException("unknown content " + content.getClass().getName());
        }
        return Json.write(node);
    }

    static OutboundContent read(String json) {
        if (json == null) return null;
        JsonNode node = Json.read(json, "messages.content");
        String kind = Json.text(node, "kind");
        if ("text".equals(kind)) {
            return new OutboundContent.Text(Json.text(node, "body"), Json.strings(node.get("quick_replies")));
        }
        if ("interactive".equals(kind)) {
            return new OutboundContent.InteractiveContent(interactive(node.get("message")));
        }
        if ("template".equals(kind)) {
            return new OutboundContent.Template(Json.text(node, "name"), Json.text(node, "language"),
                    Json.strings(node.get("params")));
        }
        throw new IllegalStateException("stored messages.content has unknown kind '" + kind + "'");
    }

    private static ObjectNode interactive(Interactive m) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("kind", m.kind().name().toLowerCase(Locale.ROOT));
        node.put("header", m.header());
        node.put("text", m.text());
        node.set("buttons", Json.strings(m.buttons()));
        node.put("list_button", m.listButton());
        ArrayNode sections = node.putArray("sections");
        for (Interactive.Section s : m.sections()) {
            ObjectNode section = sections.addObject();
            section.put("title", s.title());
            ArrayNode rows = section.putArray("rows");
            for (Interactive.Row r : s.rows()) {
                rows.addObject().put("title", r.title()).put("description", r.description());
            }
        }
        return node;
    }

    private static Interactive interactive(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalStateException("stored interactive content is not an object");
        }
        List<Interactive.Section> sections = new ArrayList<>();
        JsonNode stored = node.get("sections");
        if (stored != null) {
            for (JsonNode s : stored) {
                List<Interactive.Row> rows = new ArrayList<>();
                JsonNode storedRows = s.get("rows");
                if (storedRows != null) {
                    for (JsonNode r : storedRows) {
                        rows.add(new Interactive.Row(Json.text(r, "title"), Json.text(r, "description")));
                    }
                }
                sections.add(new Interactive.Section(Json.text(s, "title"), rows));
            }
        }
        String kindName = Json.text(node, "kind");
        if (kindName == null) throw new IllegalStateException("stored interactive content has no kind");
        Interactive.Kind kind = Interactive.Kind.valueOf(kindName.toUpperCase(Locale.ROOT));
        return new Interactive(kind, Json.text(node, "header"), Json.text(node, "text"),
                Json.strings(node.get("buttons")), Json.text(node, "list_button"), sections);
    }
}
