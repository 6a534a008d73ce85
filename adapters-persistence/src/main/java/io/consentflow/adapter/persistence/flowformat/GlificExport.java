package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.FlowFormatException.Fault;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.InvalidFlowException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The import's envelope: Glific's export {@code {"flows":[{"definition":..,"keywords":[..],"ignore_keywords":..}],
 * ..}} or one bare definition (an object with {@code nodes}). The whole envelope is checked before any definition is
 * read, so a malformed import is refused as such, naming the field, whatever its flows contain.
 */
final class GlificExport {
    private GlificExport() {
    }

    /** One flow of the import: its definition and its trigger settings. */
    record Entry(JsonNode definition, List<String> keywords, boolean ignoreKeywords) {
    }

    static List<Entry> entries(JsonNode root, List<String> bareKeywords, boolean bareIgnoreKeywords) {
        if (!root.isObject()) throw notAnImport("body", "the request body must be a JSON object");
        if (present(root, "flows")) return export(root);
        if (present(root, "nodes")) {
            StorableText.require(root, "");
            return List.of(new Entry(root, bounded(bareKeywords, "keywords"), bareIgnoreKeywords));
        }
        throw notAnImport("flows", "flows: neither a Glific export {\"flows\":[..]} nor a flow definition with nodes");
    }

    /**
     * The export as Glific writes it; of what it carries besides the flows, the interactive templates' translations
     * are kept ({@link InteractiveTranslations}), the rest is taken and left unread.
     */
    record Export(List<JsonNode> flows, JsonNode contact_field, JsonNode collections, JsonNode interactive_templates) {
    }

    record ExportedFlow(JsonNode definition, @JsonSetter(contentNulls = Nulls.FAIL) List<String> keywords,
                        Boolean ignore_keywords) {
    }

    private static List<Entry> export(JsonNode root) {
        Export export = envelope(() -> Bind.closed(root, "", Export.class));
        List<JsonNode> flows = export.flows();
        for (int i = 0; i < flows.size(); i++) {
            if (!flows.get(i).isObject()) throw notAnImport("flows[" + i + "]", "flows[" + i + "] must be an object");
        }
        if (flows.isEmpty()) throw notAnImport("flows", "flows: no flows to import");
        if (!Bind.absent(export.interactive_templates())) {
            StorableText.require(export.interactive_templates(), "interactive_templates");
        }
        Map<String, JsonNode> templates = envelope(() -> InteractiveTranslations.byTemplate(
                export.interactive_templates()));
        List<Entry> entries = new ArrayList<>(flows.size());
        for (int i = 0; i < flows.size(); i++) {
            String at = "flows[" + i + "]";
            JsonNode item = flows.get(i);
            ExportedFlow f = envelope(() -> Bind.closed(item, at, ExportedFlow.class));
            if (Bind.absent(f.definition())) throw notAnImport(at + ".definition", at + ".definition is required");
            if (!f.definition().isObject()) {
                throw notAnImport(at + ".definition", at + ".definition must be an object");
            }
            StorableText.require(f.definition(), at + ".definition");
            List<String> keywords = Bind.orEmpty(f.keywords());
            for (int k = 0; k < keywords.size(); k++) StorableText.require(at + ".keywords[" + k + "]", keywords.get(k));
            entries.add(new Entry(InteractiveTranslations.merged(f.definition(), templates),
                    bounded(keywords, at + ".keywords"),
                    f.ignore_keywords() != null && f.ignore_keywords()));
        }
        return entries;
    }

    /**
     * The envelope read as {@code read} binds it: a refusal is a malformed import (400), its detail naming the
     * field as the import's other refusals do ({@code flows[0].keywords must be an array of strings}).
     */
    private static <T> T envelope(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidFlowException e) {
            if (e.detail().startsWith("unknown field")) throw notAnImport(e.where(), e.detail());
            String rule = e.where().endsWith(".keywords") && e.detail().equals("must be an array")
                    ? "must be an array of strings" : e.detail();
            throw notAnImport(e.where(), e.where() + " " + rule);
        }
    }

    /** Refused before any keyword is normalised: 200,000 of them made one import take seconds. */
    private static List<String> bounded(List<String> keywords, String field) {
        if (keywords.size() > Flow.MAX_KEYWORDS) {
            throw new FlowFormatException(Fault.OVER_LIMIT, field, "a flow has at most " + Flow.MAX_KEYWORDS
                    + " keywords, got " + keywords.size());
        }
        return keywords;
    }




    /** Missing and JSON null are the same. */
    private static boolean present(JsonNode object, String name) {
        JsonNode v = object.get(name);
        return v != null && !v.isNull();
    }


    static FlowFormatException notAnImport(String field, String detail) {
        return new FlowFormatException(Fault.NOT_AN_IMPORT, field, detail);
    }
}
