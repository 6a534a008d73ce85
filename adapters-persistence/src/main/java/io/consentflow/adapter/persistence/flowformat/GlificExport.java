package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.FlowFormatException;
import io.consentflow.application.port.InputText;
import io.consentflow.application.port.FlowFormatException.Fault;
import io.consentflow.domain.flow.Flow;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The import's envelope: Glific's export {@code {"flows":[{"definition":..,"keywords":[..],"ignore_keywords":..}],
 * ..}} or one bare definition (an object with {@code nodes}). The whole envelope is checked before any definition is
 * read, so a malformed import is refused as such, naming the field, whatever its flows contain.
 */
final class GlificExport {
    /**
     * Glific's export: the flows, and what else its export carries (the contact fields, collections and
     * interactive templates the flows use), which we do not import but must not refuse.
     */
    private static final List<String> EXPORT_FIELDS =
            List.of("flows", "contact_field", "collections", "interactive_templates");
    private static final List<String> EXPORTED_FLOW_FIELDS = List.of("definition", "keywords", "ignore_keywords");

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

    private static List<Entry> export(JsonNode root) {
        onlyFields(root, "", EXPORT_FIELDS);
        JsonNode flows = root.get("flows");
        if (!flows.isArray()) throw notAnImport("flows", "flows must be an array");
        for (int i = 0; i < flows.size(); i++) {
            if (!flows.get(i).isObject()) throw notAnImport("flows[" + i + "]", "flows[" + i + "] must be an object");
        }
        if (flows.isEmpty()) throw notAnImport("flows", "flows: no flows to import");
        List<Entry> entries = new ArrayList<>(flows.size());
        for (int i = 0; i < flows.size(); i++) {
            String at = "flows[" + i + "]";
            JsonNode f = flows.get(i);
            onlyFields(f, at, EXPORTED_FLOW_FIELDS);
            if (!present(f, "definition")) throw notAnImport(at + ".definition", at + ".definition is required");
            JsonNode definition = f.get("definition");
            if (!definition.isObject()) throw notAnImport(at + ".definition", at + ".definition must be an object");
            StorableText.require(definition, at + ".definition");
            entries.add(new Entry(definition, bounded(strings(f, at + ".keywords", "keywords"), at + ".keywords"),
                    bool(f, at + ".ignore_keywords", "ignore_keywords")));
        }
        return entries;
    }

    /** Refused before any keyword is normalised: 200,000 of them made one import take seconds. */
    private static List<String> bounded(List<String> keywords, String field) {
        if (keywords.size() > Flow.MAX_KEYWORDS) {
            throw new FlowFormatException(Fault.OVER_LIMIT, field, "a flow has at most " + Flow.MAX_KEYWORDS
                    + " keywords, got " + keywords.size());
        }
        return keywords;
    }

    private static List<String> strings(JsonNode object, String path, String name) {
        if (!present(object, name)) return List.of();
        JsonNode v = object.get(name);
        if (!v.isArray()) throw notAnImport(path, path + " must be an array of strings");
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String p = path + "[" + i + "]";
            if (!v.get(i).isTextual()) throw notAnImport(p, p + " must be a string");
            out.add(StorableText.require(p, v.get(i).textValue()));
        }
        return out;
    }

    private static boolean bool(JsonNode object, String path, String name) {
        if (!present(object, name)) return false;
        JsonNode v = object.get(name);
        if (!v.isBoolean()) throw notAnImport(path, path + " must be true or false");
        return v.booleanValue();
    }

    /**
     * A field the envelope does not define is refused: a typo ({@code keyword} for {@code keywords}) would
     * otherwise import a flow without its keywords.
     */
    private static void onlyFields(JsonNode object, String at, List<String> known) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                String field = at.isEmpty() ? name : at + "." + name;
                throw notAnImport(field, "unknown field " + InputText.quoted(field) + "; this body takes "
                        + String.join(", ", known));
            }
        }
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
