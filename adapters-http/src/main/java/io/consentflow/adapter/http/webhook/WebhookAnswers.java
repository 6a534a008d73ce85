package io.consentflow.adapter.http.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentflow.domain.flow.webhook.WebhookOutcome;

import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a webhook answered, as the engine takes it: a 2xx answer whose body is a JSON object is a success, its
 * members flattened by dotted path for {@code @results.<name>.<path>} (a list's items by index, as Glific indexes
 * them: {@code items.0.name}); any other answer a failure with its status. Strings that PostgreSQL cannot store
 * (a NUL character, an unpaired surrogate) become U+FFFD: a server's answer cannot be refused, only kept safely.
 */
public final class WebhookAnswers {
    /** The largest answer read; a larger one is a failure ({@code too_large}). */
    public static final int MAX_BYTES = 256 * 1024;
    /** How deep nested members are flattened, and how many paths at most: an answer cannot swell a run's row. */
    static final int MAX_DEPTH = 8;
    static final int MAX_PATHS = 1_000;
    /** An object or list is kept as its JSON text too when that text is at most this long. */
    static final int MAX_CONTAINER_TEXT = 4_096;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookAnswers() {
    }

    /** The outcome of an HTTP answer with {@code status} and {@code body} (at most {@link #MAX_BYTES}). */
    public static WebhookOutcome of(int status, byte[] body) {
        if (status < 200 || status > 299) return WebhookOutcome.failed(status, "status");
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (IOException e) {
            return WebhookOutcome.failed(status, "not_json");
        }
        if (tree == null || !tree.isObject()) return WebhookOutcome.failed(status, "not_json");
        return WebhookOutcome.success(status, tree.toString(), flatten(tree));
    }

    /** The outcome of a host's function's answer (plain JDK values: maps, lists, strings, numbers, booleans). */
    public static WebhookOutcome ofFunction(Map<String, Object> answer) {
        if (answer == null) return WebhookOutcome.failed(0, "function_failed");
        JsonNode tree;
        try {
            tree = MAPPER.valueToTree(answer);
        } catch (IllegalArgumentException e) {
            return WebhookOutcome.failed(0, "function_failed");
        }
        return WebhookOutcome.success(200, tree.toString(), flatten(tree));
    }

    /** A JSON text as an object tree, or null when it is not a JSON object. */
    static JsonNode object(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            return tree != null && tree.isObject() ? tree : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A JSON object's members as plain values, for a host's function. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(JsonNode object) {
        return MAPPER.convertValue(object, Map.class);
    }

    /** The members of {@code object} by dotted path, each as text: scalars as written, objects and lists as JSON. */
    public static Map<String, String> flatten(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten(object, "", 1, out);
        return out;
    }

    private static void flatten(JsonNode node, String prefix, int depth, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> members = node.isObject() ? node.fields() : null;
        int index = 0;
        Iterator<JsonNode> items = node.isArray() ? node.elements() : null;
        while (out.size() < MAX_PATHS && (members != null ? members.hasNext() : items.hasNext())) {
            String key;
            JsonNode value;
            if (members != null) {
                Map.Entry<String, JsonNode> e = members.next();
                key = storable(e.getKey());
                value = e.getValue();
            } else {
                key = Integer.toString(index++);
                value = items.next();
            }
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value.isContainerNode()) {
                String text = value.toString();
                if (text.length() <= MAX_CONTAINER_TEXT) out.put(path, storable(text));
                if (depth < MAX_DEPTH) flatten(value, path, depth + 1, out);
            } else {
                out.put(path, value.isNull() ? "" : storable(value.asText()));
            }
        }
    }

    /** {@code text} with what PostgreSQL cannot store replaced by U+FFFD. */
    static String storable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            boolean bad = c == 0 || (!pair && Character.isSurrogate(c));
            if (bad && out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            if (out != null) {
                if (bad) out.append('\uFFFD');
                else if (pair) out.append(c).append(text.charAt(++i));
                else out.append(c);
            } else if (pair) {
                i++;
            }
        }
        return out == null ? text : out.toString();
    }
}
