package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentflow.application.port.InputText;

import java.util.Map;

/**
 * The definition is stored as text and its names, uuids and texts as columns: text the stores cannot keep
 * ({@link InputText#unstorable}) anywhere in it, a value or a key, is refused naming where, before anything is
 * read or stored.
 */
final class StorableText {
    private StorableText() {
    }

    /** Every string and key in {@code node}, found at {@code path} ("" for the whole import). */
    static void require(JsonNode node, String path) {
        if (node.isTextual()) {
            require(path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) require(node.get(i), path + "[" + i + "]");
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String problem = InputText.unstorable(e.getKey());
                if (problem != null) {
                    throw GlificExport.notAnImport(path.isEmpty() ? "body" : path,
                            "a key in " + (path.isEmpty() ? "the body" : path) + " must not contain " + problem);
                }
                require(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
            }
        }
    }

    /** {@code text} unchanged when it can be stored as it is. */
    static String require(String field, String text) {
        String problem = InputText.unstorable(text);
        if (problem != null) throw GlificExport.notAnImport(field, field + " must not contain " + problem);
        return text;
    }

}
