package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.InvalidFlowException;
import io.consentflow.domain.flow.Localization;
import io.consentflow.domain.flow.Localization.Translation;
import io.consentflow.domain.message.Interactive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A definition's {@code localization}: {@code {"<language>":{"<action or case uuid>":{"text":[..],
 * "quick_replies":[..],"attachments":[..],"arguments":[..]}}}}, read once, into what each item needs at run time:
 * a {@code send_msg}'s texts, a {@code send_interactive_msg}'s message (its {@code text} holds the message as JSON,
 * as the action's own does, or only its body's text), a case's test on its translated arguments. A language key is a code or a name
 * ({@code hi} and {@code hin} alike); a key that names no language, and an item that is no such action or case
 * (category names, which nothing shows), are skipped. A translation that could not run is refused, naming it.
 */
final class LocalizationReader {
    private LocalizationReader() {
    }

    /** What an item of the definition is, by uuid: the action's type, or the case's type for a case; its JSON. */
    private record Item(boolean isCase, String type, JsonNode json) {
    }

    static Localization read(JsonNode localization, String written, List<JsonNode> nodes) {
        if (Bind.absent(localization)) return Localization.NONE;
        if (!localization.isObject()) throw new InvalidFlowException("localization", "must be an object");
        Map<String, Item> items = items(nodes);
        Map<Language, Map<String, Translation>> byLanguage = new LinkedHashMap<>();
        List<String> unknownKeys = new ArrayList<>();
        for (Map.Entry<String, JsonNode> lang : localization.properties()) {
            String at = "localization." + lang.getKey();
            if (!lang.getValue().isObject()) throw new InvalidFlowException(at, "must be an object");
            Language language = Language.find(lang.getKey()).orElse(null);
            if (language == null) {
                unknownKeys.add(lang.getKey());
                continue;
            }
            Map<String, Translation> translations = byLanguage.computeIfAbsent(language, l -> new HashMap<>());
            for (Map.Entry<String, JsonNode> entry : lang.getValue().properties()) {
                Item item = items.get(entry.getKey());
                if (item == null) continue;
                String where = at + "." + entry.getKey();
                Translation t = translation(item, Bind.as(entry.getValue(), where, Goflow.Translation.class), where);
                if (t != null) translations.merge(entry.getKey(), t, LocalizationReader::combined);
            }
        }
        return new Localization(Language.find(written).orElse(null), byLanguage, unknownKeys);
    }

    /**
     * "hi" and "hin" in one flow, both translating one item: a message takes each text from the first key that
     * translates it; anything else, the first key's translation.
     */
    private static Translation combined(Translation first, Translation second) {
        if (first instanceof Localization.Message a && second instanceof Localization.Message b) {
            return new Localization.Message(a.textOr(b.text()), a.quickRepliesOr(b.quickReplies()),
                    a.attachmentsOr(b.attachments()));
        }
        return first;
    }

    private static Translation translation(Item item, Goflow.Translation t, String at) {
        if (item.isCase()) {
            if (t.arguments() == null || t.arguments().isEmpty()) return null;
            try {
                return new Localization.Arguments(CaseTypes.of(item.type(), t.arguments()));
            } catch (InvalidFlowException e) {
                throw new InvalidFlowException(at + ".arguments", e.detail());
            }
        }
        return switch (item.type()) {
            case "send_msg" -> new Localization.Message(first(t.text()), t.quick_replies(), t.attachments());
            case "send_interactive_msg" -> interactive(item, first(t.text()), at + ".text[0]");
            default -> null;
        };
    }

    /**
     * The whole message as JSON, as the action writes it; or, as Glific's editor leaves it, only the body's text,
     * which then replaces the body of the message as written (its buttons and list stay).
     */
    private static Translation interactive(Item item, String text, String at) {
        if (text == null || text.isBlank()) return null;
        if (text.strip().startsWith("{")) {
            return new Localization.InteractiveMessage(InteractiveReader.read(TextNode.valueOf(text), at));
        }
        Interactive written = InteractiveReader.read(item.json().get("text"), at);
        return new Localization.InteractiveMessage(new Interactive(written.kind(), written.header(), text,
                written.buttons(), written.listButton(), written.sections()));
    }

    private static String first(List<String> texts) {
        return texts == null || texts.isEmpty() ? null : texts.get(0);
    }

    /** Every action and case of the definition by uuid; the nodes were read (and checked) before. */
    private static Map<String, Item> items(List<JsonNode> nodes) {
        Map<String, Item> items = new HashMap<>();
        for (JsonNode node : nodes) {
            for (JsonNode action : node.path("actions")) {
                items.put(action.path("uuid").asText(), new Item(false, action.path("type").asText(), action));
            }
            for (JsonNode c : node.path("router").path("cases")) {
                items.put(c.path("uuid").asText(), new Item(true, c.path("type").asText(), c));
            }
        }
        return items;
    }
}
