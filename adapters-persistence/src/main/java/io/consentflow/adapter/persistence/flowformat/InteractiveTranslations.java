package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.InvalidFlowException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Glific keeps an interactive message's translations on its template, not in the flow: an export carries them as
 * {@code interactive_templates[].translations}, keyed by Glific's language id, and each {@code send_interactive_msg}
 * names its template by {@code id} ({@code source_id} in the export). At import they are written into the
 * definition's own {@code localization}, under the language's ISO 639-3 code and the action's uuid, as the action
 * writes its message ({@code {"text":["<message as JSON>"]}}), so the stored definition carries them and is read
 * like any other translation. The template's translation replaces one the definition has for the same message, as
 * Glific sends the template's (the editor leaves only the body's text there).
 */
final class InteractiveTranslations {
    /**
     * Glific's language ids in the order its seeder creates them (1 English, 2 Hindi, ...): an export names
     * languages only by these ids.
     */
    private static final List<String> GLIFIC_LANGUAGE_IDS =
            List.of("en", "hi", "ta", "kn", "ml", "te", "or", "as", "gu", "bn", "pa", "mr", "ur", "es");

    private InteractiveTranslations() {
    }

    /** An exported template: its id in the exporting Glific and its translations by language id. */
    record Template(JsonNode source_id, JsonNode translations) {
    }

    /** Each template's translations by its {@code source_id} (as text: Glific writes it as a number). */
    static Map<String, JsonNode> byTemplate(JsonNode templates) {
        Map<String, JsonNode> byId = new HashMap<>();
        if (Bind.absent(templates)) return byId;
        if (!templates.isArray()) throw new InvalidFlowException("interactive_templates", "must be an array");
        for (int i = 0; i < templates.size(); i++) {
            String at = "interactive_templates[" + i + "]";
            Template t = Bind.as(templates.get(i), at, Template.class);
            if (Bind.absent(t.source_id()) || Bind.absent(t.translations())) continue;
            if (!t.translations().isObject()) throw new InvalidFlowException(at + ".translations", "must be an object");
            byId.put(t.source_id().asText(), t.translations());
        }
        return byId;
    }

    /** The definition with its interactive messages' template translations in its localization. */
    static JsonNode merged(JsonNode definition, Map<String, JsonNode> byTemplate) {
        if (byTemplate.isEmpty()) return definition;
        ObjectNode copy = null;
        for (JsonNode node : definition.path("nodes")) {
            for (JsonNode action : node.path("actions")) {
                if (!"send_interactive_msg".equals(action.path("type").asText())) continue;
                JsonNode translations = byTemplate.get(action.path("id").asText());
                if (translations == null || !action.path("uuid").isTextual()) continue;
                for (Map.Entry<String, JsonNode> t : translations.properties()) {
                    String code = glificLanguage(t.getKey());
                    if (code == null || !(t.getValue().isObject() || t.getValue().isTextual())) continue;
                    if (copy == null) copy = definition.deepCopy();
                    add(copy, code, action.path("uuid").textValue(), t.getValue());
                }
            }
        }
        return copy == null ? definition : copy;
    }

    private static void add(ObjectNode definition, String language, String actionUuid, JsonNode message) {
        JsonNode existing = definition.get("localization");
        if (!Bind.absent(existing) && !existing.isObject()) return; // the reader refuses it, naming it
        ObjectNode localization = existing instanceof ObjectNode o ? o : definition.putObject("localization");
        String key = language;
        for (Map.Entry<String, JsonNode> k : localization.properties()) {
            // under the key the definition already uses for this language ("hi"), replacing its entry
            if (Language.find(k.getKey()).map(l -> l.code().equals(language)).orElse(false)) key = k.getKey();
        }
        JsonNode lang = localization.get(key);
        if (!Bind.absent(lang) && !lang.isObject()) return;
        ObjectNode items = lang instanceof ObjectNode o ? o : localization.putObject(key);
        String text = message.isTextual() ? message.textValue() : message.toString();
        items.putObject(actionUuid).putArray("text").add(text);
    }

    /** The ISO 639-3 code of Glific's language id {@code id}, or null for an id it does not seed. */
    private static String glificLanguage(String id) {
        try {
            int i = Integer.parseInt(id.strip());
            if (i < 1 || i > GLIFIC_LANGUAGE_IDS.size()) return null;
            return Language.find(GLIFIC_LANGUAGE_IDS.get(i - 1)).map(Language::code).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
