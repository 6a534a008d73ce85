package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.ImportWarning;
import io.consentflow.domain.contact.Language;
import io.consentflow.domain.flow.effect.Recipients;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an imported flow will do differently from Glific although it imports, found in its definition once it was
 * read (so everything named here is known to be well formed), each warning naming its place as refusals do. The
 * import stays all or nothing for what cannot run; these only inform.
 */
final class ImportWarnings {
    private ImportWarnings() {
    }

    /**
     * @param definition the definition as imported, already read without refusal
     * @param at         the flow's prefix in the import ({@code flows[1].}), empty for a single flow
     * @param functions  whether an embedding host registered a FUNCTION webhook of that name
     */
    static List<ImportWarning> of(JsonNode definition, String at, Predicate<String> functions) {
        List<ImportWarning> warnings = new ArrayList<>();
        JsonNode nodes = definition.path("nodes");
        for (int i = 0; i < nodes.size(); i++) {
            JsonNode node = nodes.get(i);
            String where = at + "nodes[" + i + "] (" + node.path("uuid").asText() + ")";
            JsonNode actions = node.path("actions");
            for (int a = 0; a < actions.size(); a++) {
                action(actions.get(a), where + ".actions[" + a + "]", functions, warnings);
            }
            JsonNode cases = node.path("router").path("cases");
            for (int c = 0; c < cases.size(); c++) {
                String type = cases.get(c).path("type").asText();
                if (type.equals("has_intent") || type.equals("has_top_intent")) {
                    warnings.add(new ImportWarning(where + ".router.cases[" + c + "]", type
                            + " never matches: no classifier is configured"));
                }
            }
        }
        JsonNode localization = definition.path("localization");
        if (localization.isObject()) {
            for (Map.Entry<String, JsonNode> language : localization.properties()) {
                if (Language.find(language.getKey()).isEmpty()) {
                    warnings.add(new ImportWarning(at + "localization." + language.getKey(), "'"
                            + language.getKey() + "' names no language: its translations reach nobody"));
                }
            }
        }
        return warnings;
    }

    private static void action(JsonNode action, String where, Predicate<String> functions,
                               List<ImportWarning> warnings) {
        switch (action.path("type").asText()) {
            case "call_classifier" -> warnings.add(new ImportWarning(where, "no classifier is configured: the node "
                    + "routes as when the classifier fails (its Failure category; has_intent and has_top_intent never "
                    + "match)"));
            case "add_input_labels" -> warnings.add(new ImportWarning(where, "labels are not kept: the message is "
                    + "stored without them"));
            case "call_webhook" -> {
                // Glific's FUNCTION webhooks call a function by the name in their url; the embedding host registers them
                if ("FUNCTION".equalsIgnoreCase(action.path("method").asText())
                        && !functions.test(action.path("url").asText())) {
                    warnings.add(new ImportWarning(where + ".url", "no function named '" + action.path("url").asText()
                            + "' is registered: the webhook will take its Failure category"));
                }
            }
            case "send_broadcast", "start_session" -> recipients(action, where, warnings);
            default -> {
            }
        }
    }

    /** Recipients the engine cannot reach the way Glific would. */
    private static void recipients(JsonNode action, String where, List<ImportWarning> warnings) {
        JsonNode contacts = action.path("contacts");
        for (int i = 0; i < contacts.size(); i++) {
            if (Recipients.contactPhone(contacts.get(i).path("uuid").asText()).isEmpty()) {
                warnings.add(new ImportWarning(where + ".contacts[" + i + "]", "contact '"
                        + contacts.get(i).path("name").asText() + "' is named by an id, not a phone number: it gets "
                        + "nothing (contacts are known by phone here; name them by urn)"));
            }
        }
        if (!action.path("contact_query").asText().isBlank()) {
            warnings.add(new ImportWarning(where + ".contact_query", "contact queries are not evaluated: only the "
                    + "listed contacts, groups and urns are reached"));
        }
        if (action.path("create_contact").asBoolean(false)) {
            warnings.add(new ImportWarning(where + ".create_contact", "a contact without a phone number cannot be "
                    + "created: nobody new is started"));
        }
    }
}
