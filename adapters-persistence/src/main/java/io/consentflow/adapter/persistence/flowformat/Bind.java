package io.consentflow.adapter.persistence.flowformat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.consentflow.application.port.InputText;
import io.consentflow.domain.flow.InvalidFlowException;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Binds one object of a flow definition to its record ({@link Goflow}) with Jackson, as typed: {@code "5"} is no
 * number and {@code 5} no string. A refusal is an {@link InvalidFlowException} whose {@code where} is the object's
 * path in the definition plus the field at fault ({@code nodes[2] (uuid).actions[0].text}) and whose rule is what
 * the field must be. Objects inside an object are bound on their own (records hold them as {@link JsonNode}), so
 * each is named by the path the reader gives it and an absent one can be told from one of another type.
 */
final class Bind {
    private static final ObjectReader STRICT = FlowFormat.PARSE;
    /** For objects whose every field we know (the export's envelope): a field more is refused, naming it. */
    private static final ObjectReader CLOSED = STRICT.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Bind() {
    }

    /** The object at {@code where}; refuses anything else. */
    static <T> T as(JsonNode node, String where, Class<T> type) {
        return bind(STRICT, node, where, type);
    }

    /** As {@link #as}, refusing a field the record does not declare. */
    static <T> T closed(JsonNode node, String where, Class<T> type) {
        return bind(CLOSED, node, where, type);
    }

    private static <T> T bind(ObjectReader reader, JsonNode node, String where, Class<T> type) {
        if (node == null || !node.isObject()) throw new InvalidFlowException(where, "must be an object");
        try {
            return reader.forType(type).readValue(node);
        } catch (UnrecognizedPropertyException e) {
            String field = at(where, e);
            throw new InvalidFlowException(field, "unknown field " + InputText.quoted(field) + "; this body takes "
                    + Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", ")));
        } catch (JsonMappingException e) {
            throw new InvalidFlowException(at(where, e), rule(e, type));
        } catch (IOException e) {
            throw new InvalidFlowException(where, "cannot be read");
        }
    }

    /** The object, or null when absent (or JSON null). */
    static <T> T optional(JsonNode node, String where, Class<T> type) {
        return absent(node) ? null : as(node, where, type);
    }

    /** The object; refuses an absent one. */
    static <T> T required(JsonNode node, String where, Class<T> type) {
        if (absent(node)) throw new InvalidFlowException(where, "is missing");
        return as(node, where, type);
    }

    /** Each element of an array of objects, named {@code where[i]}; an absent array is empty. */
    static <T> List<T> each(List<JsonNode> items, String where, Class<T> type) {
        List<T> out = new ArrayList<>();
        if (items == null) return out;
        for (int i = 0; i < items.size(); i++) out.add(as(items.get(i), where + "[" + i + "]", type));
        return out;
    }

    /** A string that must be present and not blank: uuids, types, names that identify something. */
    static String id(String value, String where) {
        if (value == null) throw new InvalidFlowException(where, "is missing");
        if (value.isBlank()) throw new InvalidFlowException(where, "is empty");
        return value;
    }

    /** A string that must be present, possibly empty (a message text). */
    static String text(String value, String where) {
        if (value == null) throw new InvalidFlowException(where, "is missing");
        return value;
    }

    /** The string, or null when absent or blank. */
    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    /** The field at fault: the bound object's path and the path Jackson followed inside it. */
    private static String at(String where, JsonMappingException e) {
        String inside = path(e);
        return where.isEmpty() && inside.startsWith(".") ? inside.substring(1) : where + inside;
    }

    /** {@code .field}, {@code .field[i]}: the path Jackson followed inside the bound object. */
    private static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) out.append('.').append(r.getFieldName());
            else if (r.getIndex() >= 0) out.append('[').append(r.getIndex()).append(']');
        }
        return out.toString();
    }

    /** What the field must be, from the type of the record component Jackson was filling. */
    private static String rule(JsonMappingException e, Class<?> type) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) return "must be an object";
        if (path.size() > 1) return "must be a string"; // an element of an array of strings
        Class<?> field = component(type, path.get(0).getFieldName());
        if (field == String.class) return "must be a string";
        if (field == Boolean.class) return "must be true or false";
        if (field == Integer.class) return "must be a whole number below 2^31";
        if (field == Double.class) return "must be a number";
        if (field != null && Collection.class.isAssignableFrom(field)) return "must be an array";
        return "cannot be read";
    }

    private static Class<?> component(Class<?> type, String name) {
        if (name == null || !type.isRecord()) return null;
        for (RecordComponent c : type.getRecordComponents()) if (c.getName().equals(name)) return c.getType();
        return null;
    }
}
