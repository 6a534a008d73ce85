package io.consentflow.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import io.consentflow.adapter.persistence.json.AdapterJson;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.message.OutboundContent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the jsonb columns, written and read by the adapter's one mapper ({@link AdapterJson}): the domain's
 * records as they are, field names in snake case ({@code quick_replies}, {@code node_uuid}), enums in lower case,
 * instants as ISO-8601 text, and {@link OutboundContent} tagged by {@code kind} ({@code text}, {@code interactive},
 * {@code template}, {@code media}). The shapes are part of the stored data: rows already in a database must keep reading
 * ({@code StoredJsonTest} pins them).
 */
final class StoredJson {
    private static final ObjectMapper MAPPER = AdapterJson.MAPPER;
    private static final TypeReference<LinkedHashMap<String, RunResult>> RESULTS = new TypeReference<>() {
    };
    private static final TypeReference<List<RunError>> ERRORS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> STRINGS = new TypeReference<>() {
    };

    private StoredJson() {
    }

    /** {@code messages.content}; null for none. */
    static String content(OutboundContent content) {
        return content == null ? null : write(content);
    }

    static OutboundContent content(String json) {
        if (json == null) return null;
        try {
            return MAPPER.readValue(json, OutboundContent.class);
        } catch (InvalidTypeIdException e) {
            throw new IllegalStateException("stored messages.content has unknown kind '" + e.getTypeId() + "'", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored messages.content cannot be read", e);
        }
    }

    /** {@code runs.results}: one object keyed by result key, in the order the results were saved. */
    static String results(Map<String, RunResult> results) {
        return write(results);
    }

    static Map<String, RunResult> results(String json) {
        return json == null ? new LinkedHashMap<>() : read(json, RESULTS, "runs.results");
    }

    /** {@code runs.errors}: null for none (nearly every run), else the errors oldest first. */
    static String errors(List<RunError> errors) {
        return errors.isEmpty() ? null : write(errors);
    }

    static List<RunError> errors(String json) {
        return json == null ? List.of() : read(json, ERRORS, "runs.errors");
    }

    /** {@code contacts.fields}. */
    static String fields(Map<String, String> fields) {
        return fields.isEmpty() ? "{}" : write(fields);   // most contacts: no fields; spares a generator per save
    }

    static Map<String, String> fields(String json) {
        return json == null || json.equals("{}") ? new LinkedHashMap<>() : read(json, STRINGS, "contacts.fields");
    }

    /** Any stored JSON as a tree, for the columns written by hand ({@code contacts.flow_texts}). */
    static JsonNode tree(String json, String column) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + column + " is not valid JSON", e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type, String column) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + column + " cannot be read", e);
        }
    }
}
