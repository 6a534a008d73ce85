package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.consentflow.domain.flow.InvalidFlowException;

import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a JSON object's fields. Each refusal is an {@link InvalidFlowException} whose {@code where}
 * is the JSON path of the field at fault ({@code nodes[2] (uuid).actions[0].text}).
 */
final class Fields {
    private final JsonNode node;
    private final String where;

    private Fields(JsonNode node, String where) {
        this.node = node;
        this.where = where;
    }

    /** The object at {@code where}; refuses anything else. */
    static Fields of(JsonNode node, String where) {
        if (node == null || !node.isObject()) throw new InvalidFlowException(where, "must be an object");
        return new Fields(node, where);
    }

    String where() {
        return where;
    }

    String path(String field) {
        return where + "." + field;
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? MissingNode.getInstance() : v;
    }

    boolean has(String field) {
        return !value(field).isMissingNode();
    }

    /** A string that must be present and not blank: uuids, types, names that identify something. */
    String id(String field) {
        String s = text(field);
        if (s == null) throw new InvalidFlowException(path(field), "is missing");
        if (s.isBlank()) throw new InvalidFlowException(path(field), "is empty");
        return s;
    }

    /** A string that must be present, possibly empty (a message text). */
    String requiredText(String field) {
        String s = text(field);
        if (s == null) throw new InvalidFlowException(path(field), "is missing");
        return s;
    }

    /** A string, or null when absent or JSON null. */
    String text(String field) {
        JsonNode v = value(field);
        if (v.isMissingNode()) return null;
        if (!v.isTextual()) throw new InvalidFlowException(path(field), "must be a string");
        return v.textValue();
    }

    /** A string, or null when absent, null or blank. */
    String optionalNonBlank(String field) {
        String s = text(field);
        return s == null || s.isBlank() ? null : s;
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode v = value(field);
        if (v.isMissingNode()) return otherwise;
        if (!v.isBoolean()) throw new InvalidFlowException(path(field), "must be true or false");
        return v.booleanValue();
    }

    /** A whole number that fits an int, or null when absent. */
    Integer integer(String field) {
        JsonNode v = value(field);
        if (v.isMissingNode()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidFlowException(path(field), "must be a whole number below 2^31");
        }
        return v.intValue();
    }

    /** A finite number, or null when absent. */
    Double number(String field) {
        JsonNode v = value(field);
        if (v.isMissingNode()) return null;
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new InvalidFlowException(path(field), "must be a number");
        }
        return v.doubleValue();
    }

    Fields object(String field) {
        JsonNode v = value(field);
        if (v.isMissingNode()) throw new InvalidFlowException(path(field), "is missing");
        return of(v, path(field));
    }

    /** The object, or null when absent. */
    Fields optionalObject(String field) {
        return has(field) ? object(field) : null;
    }

    /** The array's elements; an absent array is empty. */
    List<JsonNode> array(String field) {
        JsonNode v = value(field);
        List<JsonNode> items = new ArrayList<>();
        if (v.isMissingNode()) return items;
        if (!v.isArray()) throw new InvalidFlowException(path(field), "must be an array");
        v.forEach(items::add);
        return items;
    }

    /** The array's elements; refuses an absent array. */
    List<JsonNode> requiredArray(String field) {
        if (!has(field)) throw new InvalidFlowException(path(field), "is missing");
        return array(field);
    }

    /** The array's elements as objects, each named {@code field[i]}. */
    List<Fields> objects(String field) {
        List<JsonNode> items = array(field);
        List<Fields> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) objects.add(of(items.get(i), path(field) + "[" + i + "]"));
        return objects;
    }

    List<String> strings(String field) {
        List<JsonNode> items = array(field);
        List<String> strings = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual()) throw new InvalidFlowException(path(field) + "[" + i + "]", "must be a string");
            strings.add(item.textValue());
        }
        return strings;
    }

    /** The {@code name} of each object in the array: groups and labels. */
    List<String> names(String field) {
        List<String> names = new ArrayList<>();
        for (Fields item : objects(field)) names.add(item.id("name"));
        return names;
    }

    JsonNode raw(String field) {
        return value(field);
    }
}
