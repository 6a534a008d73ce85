package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.message.Interactive;

import java.util.ArrayList;
import java.util.List;

/**
 * Glific's interactive message, which a send_interactive_msg action carries as a JSON string in {@code text}:
 * a quick reply {@code {"type":"quick_reply","content":{"header","text"},"options":[{"title"}]}} or a list
 * {@code {"type":"list","title","body","globalButtons":[{"title"}],"items":[{"title","options":[{"title",
 * "description"}]}]}}.
 */
final class InteractiveReader {
    /** WhatsApp shows at most three reply buttons; more would be refused by the provider at send time. */
    static final int MAX_BUTTONS = 3;

    private InteractiveReader() {
    }

    static Interactive read(JsonNode text, String where) {
        JsonNode message;
        if (text.isTextual()) {
            message = DefinitionReader.parse(text.textValue(), where, "the interactive message");
        } else if (text.isObject()) {
            message = text; // already an object in some hand-edited exports
        } else {
            throw new InvalidFlowException(where, "must be the interactive message as a JSON string");
        }
        Fields m = Fields.of(message, where);
        String type = m.id("type");
        if ("quick_reply".equals(type)) return quickReply(m);
        if ("list".equals(type)) return list(m);
        throw new InvalidFlowException(m.path("type"), "unknown interactive message type '" + type + "'");
    }

    private static Interactive quickReply(Fields m) {
        Fields content = m.object("content");
        // media quick replies (image, video, document) carry their body as a caption
        String body = content.text("text");
        if (body == null) body = content.text("caption");
        List<String> buttons = new ArrayList<>();
        for (Fields option : m.objects("options")) buttons.add(option.id("title"));
        if (buttons.isEmpty()) throw new InvalidFlowException(m.path("options"), "a quick reply needs buttons");
        if (buttons.size() > MAX_BUTTONS) {
            throw new InvalidFlowException(m.path("options"), "a quick reply has at most " + MAX_BUTTONS + " buttons");
        }
        return new Interactive(Interactive.Kind.QUICK_REPLY, content.optionalNonBlank("header"),
                body == null ? "" : body, buttons, null, List.of());
    }

    private static Interactive list(Fields m) {
        List<Fields> globalButtons = m.objects("globalButtons");
        if (globalButtons.isEmpty()) throw new InvalidFlowException(m.path("globalButtons"), "a list needs its button");
        String listButton = globalButtons.get(0).id("title");
        List<Interactive.Section> sections = new ArrayList<>();
        for (Fields item : m.objects("items")) {
            List<Interactive.Row> rows = new ArrayList<>();
            for (Fields option : item.objects("options")) {
                rows.add(new Interactive.Row(option.id("title"), option.optionalNonBlank("description")));
            }
            if (rows.isEmpty()) throw new InvalidFlowException(item.path("options"), "a list section needs rows");
            sections.add(new Interactive.Section(item.optionalNonBlank("title"), rows));
        }
        if (sections.isEmpty()) throw new InvalidFlowException(m.path("items"), "a list needs sections");
        return new Interactive(Interactive.Kind.LIST, m.optionalNonBlank("title"), m.requiredText("body"), List.of(),
                listButton, sections);
    }
}
