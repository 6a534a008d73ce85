package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON for the jsonb columns, written as explicit trees so the stored shape does not depend on reflection. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode read(String json, String column) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + column + " is not valid JSON", e);
        }
    }

    static String writeStringMap(Map<String, String> map) {
        if (map.isEmpty()) return "{}";   // most contacts: no fields; spares a generator per save
        ObjectNode node = MAPPER.createObjectNode();
        map.forEach(node::put);
        return write(node);
    }

    static Map<String, String> readStringMap(String json, String column) {
        Map<String, String> map = new LinkedHashMap<>();
        if (json == null || json.equals("{}")) return map;
        for (Map.Entry<String, JsonNode> e : read(json, column).properties()) {
            map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
        }
        return map;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = MAPPER.createArrayNode();
        values.forEach(array::add);
        return array;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array != null) array.forEach(v -> values.add(v.asText()));
        return values;
    }

    /** A text field, or null when absent or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
