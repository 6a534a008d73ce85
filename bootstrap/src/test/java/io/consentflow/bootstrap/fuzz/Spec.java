package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The contract's reading rules, written from the README and the problem-body conventions, as the test oracle:
 * a body is JSON (strict: no duplicate key, nothing after the value, Jackson's default depth and length limits);
 * a field is missing or null alike; a string field takes only a string, without NUL or unpaired surrogates (text
 * PostgreSQL cannot store as given); a required string is not blank; integers are JSON integers or strings of at
 * most 18 digits; timestamps are from 1970 to 9999; a phone is E.164 digits with an optional {@code +}.
 * A rule broken throws {@link Refused} with the status the contract gives it.
 */
final class Spec {
    static final long MAX_MILLIS = 253_402_300_799_999L;
    private static final Pattern PHONE = Pattern.compile("[1-9][0-9]{6,14}");
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,18}");
    /** Reads bodies the way the service does. */
    static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Spec() {
    }

    /** The contract refuses the input with this status. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }

    static Refused bad(String why) {
        return new Refused(400, why);
    }

    /** The body as the service reads it: a JSON object, else 400. */
    static JsonNode object(byte[] body) {
        JsonNode n = parse(body);
        if (!n.isObject()) throw bad("not an object");
        return n;
    }

    static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) throw bad("empty");
        JsonNode n;
        try {
            n = STRICT.readTree(body);
        } catch (Exception e) {
            throw bad("not JSON");
        }
        if (n == null || n.isMissingNode()) throw bad("empty");
        return n;
    }

    static JsonNode value(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v;
    }

    static boolean has(JsonNode o, String name) {
        return value(o, name) != null;
    }

    static Optional<String> text(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return Optional.empty();
        if (!v.isTextual()) throw bad(name + " not a string");
        storable(v.textValue(), name);
        return Optional.of(v.textValue());
    }

    static void storable(String s, String name) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) throw bad(name + " has NUL");
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw bad(name + " has an unpaired surrogate");
            }
        }
    }

    static String requiredText(JsonNode o, String name) {
        String s = text(o, name).orElseThrow(() -> bad(name + " missing"));
        if (s.isBlank()) throw bad(name + " blank");
        return s;
    }

    static Optional<String> scalar(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return Optional.empty();
        if (v.isTextual()) {
            storable(v.textValue(), name);
            return Optional.of(v.textValue());
        }
        if (!v.isNumber()) throw bad(name + " not a scalar");
        return Optional.of(v.asText());
    }

    static OptionalLong integer(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return OptionalLong.empty();
        if (v.isIntegralNumber() && v.canConvertToLong()) return OptionalLong.of(v.longValue());
        if (v.isTextual() && DIGITS.matcher(v.textValue().strip()).matches()) {
            return OptionalLong.of(Long.parseLong(v.textValue().strip()));
        }
        throw bad(name + " not an integer");
    }

    static void epochMillis(JsonNode o, String name) {
        OptionalLong v = integer(o, name);
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > MAX_MILLIS)) throw bad(name + " out of range");
    }

    static void epochSeconds(JsonNode o, String name) {
        OptionalLong v = integer(o, name);
        if (v.isPresent() && (v.getAsLong() < 0 || v.getAsLong() > MAX_MILLIS / 1000)) throw bad(name + " out of range");
    }

    static Optional<Boolean> bool(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) throw bad(name + " not a boolean");
        return Optional.of(v.booleanValue());
    }

    static JsonNode objectOrEmpty(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return JsonNodeFactory.instance.objectNode();
        if (!v.isObject()) throw bad(name + " not an object");
        return v;
    }

    static JsonNode requiredObject(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) throw bad(name + " missing");
        if (!v.isObject()) throw bad(name + " not an object");
        return v;
    }

    /** Only these fields (admin bodies): any other is a 400. */
    static void only(JsonNode o, String... names) {
        java.util.Set<String> known = java.util.Set.of(names);
        for (java.util.Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            if (!known.contains(it.next())) throw bad("unknown field");
        }
    }

    /** A string of at most {@code max} characters. */
    static Optional<String> text(JsonNode o, String name, int max) {
        Optional<String> t = text(o, name);
        if (t.isPresent() && t.get().length() > max) throw bad(name + " too long");
        return t;
    }

    /** The elements of an array, whatever each is; missing is empty, not an array is a 400. */
    static List<JsonNode> elements(JsonNode o, String name) {
        JsonNode v = value(o, name);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) throw bad(name + " not an array");
        v.forEach(out::add);
        return out;
    }

    /** An array of objects; missing is empty. */
    static List<JsonNode> objects(JsonNode o, String name) {
        JsonNode v = value(o, name);
        List<JsonNode> out = new ArrayList<>();
        if (v == null) return out;
        if (!v.isArray()) throw bad(name + " not an array");
        for (JsonNode e : v) {
            if (!e.isObject()) throw bad(name + "[] not an object");
            out.add(e);
        }
        return out;
    }

    static Optional<List<String>> strings(JsonNode o, String name) {
        JsonNode v = value(o, name);
        if (v == null) return Optional.empty();
        if (!v.isArray()) throw bad(name + " not an array");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw bad(name + "[] not a string");
            storable(e.textValue(), name);
            out.add(e.textValue());
        }
        return Optional.of(out);
    }

    /** E.164 digits after stripping and one optional {@code +}; the digits, or a 400. */
    static String phone(String text) {
        String t = text.strip();
        if (t.startsWith("+")) t = t.substring(1);
        if (!PHONE.matcher(t).matches()) throw bad("not a phone: " + text);
        return t;
    }

    static boolean isPhone(String text) {
        try {
            phone(text);
            return true;
        } catch (Refused r) {
            return false;
        }
    }
}
