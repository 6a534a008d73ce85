package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.databind.util.RawValue;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Writes a JSON tree as bytes the way a fuzzer wants it, which Jackson's writer will not do: a key written twice
 * ({@link #duplicate}), number literals as given ({@code 1e400}, {@code -0}, via {@link #raw}), every non-ASCII
 * char as a {@code \\uXXXX} escape or as raw UTF-8, and unpaired surrogates always as escapes (UTF-8 cannot carry
 * them).
 */
final class JsonText {
    /** Objects whose given key is to be written twice. */
    private final Map<JsonNode, Set<String>> duplicates = new IdentityHashMap<>();
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private boolean asciiOnly;

    static JsonNode raw(String literal) {
        return new POJONode(new RawValue(literal));
    }

    JsonText asciiOnly(boolean on) {
        this.asciiOnly = on;
        return this;
    }

    void duplicate(JsonNode object, String key) {
        duplicates.computeIfAbsent(object, k -> Collections.newSetFromMap(new java.util.HashMap<>())).add(key);
    }

    boolean hasDuplicates() {
        return !duplicates.isEmpty();
    }

    byte[] bytes(JsonNode root) {
        StringBuilder sb = new StringBuilder();
        write(root, sb);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void write(JsonNode n, StringBuilder sb) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            sb.append("null");
        } else if (n.isPojo()) {
            Object pojo = ((POJONode) n).getPojo();
            sb.append(pojo instanceof RawValue rv ? rv.rawValue().toString() : String.valueOf(pojo));
        } else if (n.isObject()) {
            sb.append('{');
            boolean first = true;
            Set<String> dup = duplicates.getOrDefault(n, Set.of());
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int times = dup.contains(e.getKey()) ? 2 : 1;
                for (int i = 0; i < times; i++) {
                    if (!first) sb.append(',');
                    first = false;
                    string(e.getKey(), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) sb.append(',');
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(n.textValue(), sb);
        } else {
            sb.append(n.toString()); // numbers and booleans as Jackson writes them
        }
    }

    private void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1));
                    boolean pairedLow = Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
                    boolean lone = Character.isSurrogate(c) && !pairedHigh && !pairedLow;
                    if (c < 0x20 || c == 0x7f || lone || (asciiOnly && c > 0x7e)) {
                        sb.append("\\u").append(HEX[(c >> 12) & 15]).append(HEX[(c >> 8) & 15])
                                .append(HEX[(c >> 4) & 15]).append(HEX[c & 15]);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
