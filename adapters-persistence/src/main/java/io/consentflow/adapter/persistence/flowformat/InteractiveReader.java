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
 * "description"}]}]}} or a location request {@code {"type":"location_request_message","body":{"text"},
 * "action":{"name":"send_location"}}}.
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
        String type = Bind.id(Bind.as(message, where, Goflow.InteractiveHead.class).type(), where + ".type");
        if ("quick_reply".equals(type)) return quickReply(Bind.as(message, where, Goflow.QuickReply.class), where);
        if ("list".equals(type)) return list(Bind.as(message, where, Goflow.ListMessage.class), where);
        if ("location_request_message".equals(type)) {
            return locationRequest(Bind.as(message, where, Goflow.LocationRequest.class), where);
        }
        throw new InvalidFlowException(where + ".type", "unknown interactive message type '" + type + "'");
    }

    private static Interactive quickReply(Goflow.QuickReply m, String at) {
        Goflow.Content content = Bind.required(m.content(), at + ".content", Goflow.Content.class);
        // media quick replies (image, video, document) carry their body as a caption
        String body = content.text() != null ? content.text() : content.caption();
        List<String> buttons = new ArrayList<>();
        List<Goflow.Titled> options = Bind.each(m.options(), at + ".options", Goflow.Titled.class);
        for (int i = 0; i < options.size(); i++) {
            buttons.add(Bind.id(options.get(i).title(), at + ".options[" + i + "].title"));
        }
        if (buttons.isEmpty()) throw new InvalidFlowException(at + ".options", "a quick reply needs buttons");
        if (buttons.size() > MAX_BUTTONS) {
            throw new InvalidFlowException(at + ".options", "a quick reply has at most " + MAX_BUTTONS + " buttons");
        }
        return new Interactive(Interactive.Kind.QUICK_REPLY, Bind.nonBlank(content.header()),
                body == null ? "" : body, buttons, null, List.of());
    }

    /** Glific's {@code location_request_message}: {@code {"body":{"text"},"action":{"name":"send_location"}}}. */
    private static Interactive locationRequest(Goflow.LocationRequest m, String at) {
        Goflow.Content body = Bind.required(m.body(), at + ".body", Goflow.Content.class);
        return new Interactive(Interactive.Kind.LOCATION_REQUEST, null, Bind.text(body.text(), at + ".body.text"),
                List.of(), null, List.of());
    }

    private static Interactive list(Goflow.ListMessage m, String at) {
        List<Goflow.Titled> globalButtons = Bind.each(m.globalButtons(), at + ".globalButtons", Goflow.Titled.class);
        if (globalButtons.isEmpty()) throw new InvalidFlowException(at + ".globalButtons", "a list needs its button");
        String listButton = Bind.id(globalButtons.get(0).title(), at + ".globalButtons[0].title");
        List<Interactive.Section> sections = new ArrayList<>();
        List<Goflow.ListItem> items = Bind.each(m.items(), at + ".items", Goflow.ListItem.class);
        for (int i = 0; i < items.size(); i++) {
            String item = at + ".items[" + i + "]";
            List<Interactive.Row> rows = new ArrayList<>();
            List<Goflow.ListRow> options = Bind.each(items.get(i).options(), item + ".options", Goflow.ListRow.class);
            for (int j = 0; j < options.size(); j++) {
                rows.add(new Interactive.Row(Bind.id(options.get(j).title(), item + ".options[" + j + "].title"),
                        Bind.nonBlank(options.get(j).description())));
            }
            if (rows.isEmpty()) throw new InvalidFlowException(item + ".options", "a list section needs rows");
            sections.add(new Interactive.Section(Bind.nonBlank(items.get(i).title()), rows));
        }
        if (sections.isEmpty()) throw new InvalidFlowException(at + ".items", "a list needs sections");
        return new Interactive(Interactive.Kind.LIST, Bind.nonBlank(m.title()), Bind.text(m.body(), at + ".body"),
                List.of(), listButton, sections);
    }
}
