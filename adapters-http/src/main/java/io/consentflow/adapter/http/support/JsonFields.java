package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consentflow.domain.contact.InvalidPhoneException;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Strict, typed reading of one JSON object that knows its own path in the request, so every refusal names the
 * field (400, {@code field = "payload.id"}). Jackson's data binding would quietly turn {@code 123} into
 * {@code "123"}; a provider sending a number where it documents a string is sending something we do not know.
 * Missing and {@code null} are the same. Every string read must be text PostgreSQL can store as it is: no NUL
 * character ({@code \u0000}) and no unpaired surrogate ({@code "\ud800"} alone); either is refused as a 400 naming the
 * field, never passed on to fail in the database.
 */
public final class JsonFields {
    /** The latest instant a provider timestamp may name: 9999-12-31T23:59:59.999Z (PostgreSQL and ISO-8601 agree). */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    /** A provider's message id: theirs are under 100 characters; an id is a key we store and index. */
    public static final int MAX_PROVIDER_ID = 256;
    /** A contact's name (a WhatsApp profile name is at most 25). */
    public static final int MAX_NAME = 256;
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The request body, which must be an object. */
    public static JsonFields root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "the request body must be a JSON object");
        }
        return new JsonFields(body, "");
    }

    /** The dotted path of a field of this object. */
    public String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public String path() {
        return path;
    }

    /** The object as parsed, e.g. to re-serialise it. */
    public JsonNode node() {
        return node;
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    public Optional<String> text(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isTextual()) throw wrongType(name, "a string");
        return Optional.of(storable(path(name), v.textValue()));
    }

    /** A string of at most {@code max} characters; a longer one is a 400 naming the field. */
    public Optional<String> text(String name, int max) {
        Optional<String> s = text(name);
        if (s.isPresent() && s.get().length() > max) throw tooLong(name, max, s.get().length());
        return s;
    }

    /** A string that must be present, not blank, and at most {@code max} characters. */
    public String requiredText(String name, int max) {
        String s = requiredText(name);
        if (s.length() > max) throw tooLong(name, max, s.length());
        return s;
    }

    private ProblemException tooLong(String name, int max, int length) {
        return ProblemException.badRequest(path(name), path(name) + " must be at most " + max + " characters, it has "
                + length);
    }

    /** A string that must be present and not blank. */
    public String requiredText(String name) {
        String s = text(name).orElseThrow(() -> missing(name));
        if (s.isBlank()) throw ProblemException.badRequest(path(name), path(name) + " must not be blank");
        return s;
    }

    /** A string or a number, as text (provider error codes, coordinates). */
    public Optional<String> scalar(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isTextual() && !v.isNumber()) throw wrongType(name, "a string or a number");
        return Optional.of(v.isTextual() ? storable(path(name), v.textValue()) : v.asText());
    }

    /** An integer given as a JSON number or as a string of digits (providers do both for times). */
    public OptionalLong integer(String name) {
        JsonNode v = value(name);
        if (v == null) return OptionalLong.empty();
        if (v.isIntegralNumber() && v.canConvertToLong()) return OptionalLong.of(v.longValue());
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.matches("-?[0-9]{1,18}")) return OptionalLong.of(Long.parseLong(s));
        }
        throw wrongType(name, "an integer");
    }

    /** Unix milliseconds (a number or a string of digits) between 1970 and the end of year 9999. */
    public Optional<Instant> epochMillis(String name) {
        OptionalLong ms = integer(name);
        if (ms.isEmpty()) return Optional.empty();
        if (ms.getAsLong() < 0 || ms.getAsLong() > MAX_EPOCH_MILLIS) {
            throw ProblemException.badRequest(path(name),
                    path(name) + " must be Unix milliseconds between 1970 and the year 9999");
        }
        return Optional.of(Instant.ofEpochMilli(ms.getAsLong()));
    }

    /** Unix seconds (a number or a string of digits) between 1970 and the end of year 9999. */
    public Optional<Instant> epochSeconds(String name) {
        OptionalLong s = integer(name);
        if (s.isEmpty()) return Optional.empty();
        if (s.getAsLong() < 0 || s.getAsLong() > MAX_EPOCH_MILLIS / 1000) {
            throw ProblemException.badRequest(path(name),
                    path(name) + " must be Unix seconds between 1970 and the year 9999");
        }
        return Optional.of(Instant.ofEpochSecond(s.getAsLong()));
    }

    public Optional<Boolean> bool(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) throw wrongType(name, "true or false");
        return Optional.of(v.booleanValue());
    }

    public Optional<JsonFields> object(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isObject()) throw wrongType(name, "an object");
        return Optional.of(new JsonFields(v, path(name)));
    }

    /** An optional object; missing reads as an empty one (with the right path for later refusals). */
    public JsonFields objectOrEmpty(String name) {
        return object(name).orElseGet(() -> new JsonFields(JsonNodeFactory.instance.objectNode(), path(name)));
    }

    public JsonFields requiredObject(String name) {
        return object(name).orElseThrow(() -> missing(name));
    }

    /** An array of objects; missing means empty. */
    public List<JsonFields> objects(String name) {
        JsonNode v = value(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw wrongType(name, "an array");
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String p = path(name) + "[" + i + "]";
            if (!v.get(i).isObject()) throw ProblemException.badRequest(p, p + " must be an object");
            out.add(new JsonFields(v.get(i), p));
        }
        return out;
    }

    /**
     * The elements of an array, whatever each is, so a caller can skip a bad one and keep the rest (check
     * {@code node().isObject()}); missing means empty, anything but an array is a 400 naming it.
     */
    public List<JsonFields> elements(String name) {
        JsonNode v = value(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw wrongType(name, "an array");
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(new JsonFields(v.get(i), path(name) + "[" + i + "]"));
        return out;
    }

    /** An array of strings. */
    public Optional<List<String>> strings(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isArray()) throw wrongType(name, "an array of strings");
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                String p = path(name) + "[" + i + "]";
                throw ProblemException.badRequest(p, p + " must be a string");
            }
            out.add(storable(path(name) + "[" + i + "]", v.get(i).textValue()));
        }
        return Optional.of(out);
    }

    /** A phone number (E.164 digits, optional {@code +}); 400 naming the field when it is not one. */
    public Optional<Phone> phone(String name) {
        return text(name).map(t -> phone(path(name), t));
    }

    /** Parses a phone that came from {@code field}; 400 naming it when invalid. */
    public static Phone phone(String field, String text) {
        try {
            return Phone.parse(text);
        } catch (InvalidPhoneException e) {
            throw ProblemException.badRequest(field, field + ": " + e.getMessage());
        }
    }

    /**
     * {@code text} unchanged when PostgreSQL can store it as it is; else a 400 naming {@code field}: a NUL character
     * cannot be stored in a text or jsonb column at all, and an unpaired surrogate would be stored as {@code ?}.
     */
    public static String storable(String field, String text) {
        String problem = unstorable(text);
        if (problem != null) throw ProblemException.badRequest(field, field + " must not contain " + problem);
        return text;
    }

    /** What makes {@code text} unstorable ("a NUL character (U+0000)", "an unpaired surrogate ..."), or null. */
    public static String unstorable(String text) {
        if (text == null) return null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) return "a NUL character (U+0000)";
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT) + ")";
            }
        }
        return null;
    }

    /**
     * Refuses a field this object does not define (400 naming it): an admin body is ours, so a field we do not
     * know is a typo ({@code optin_flow} for {@code optinFlow}) that would otherwise be ignored, and a missing
     * {@code optinFlow} then read as "clear it". Provider callbacks are not checked so: providers add fields.
     */
    public JsonFields onlyFields(java.util.Collection<String> known) {
        for (java.util.Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                String field = path(name);
                throw ProblemException.badRequest(field, "unknown field " + quoted(field) + "; this body takes "
                        + String.join(", ", known));
            }
        }
        return this;
    }

    /** A field name from the request as we quote it back: at most 64 characters, control characters escaped. */
    private static String quoted(String name) {
        String clipped = name.length() > 64 ? name.substring(0, 64) + "..." : name;
        StringBuilder out = new StringBuilder("'");
        clipped.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) out.append(String.format("\\u%04x", cp));
            else out.appendCodePoint(cp);
        });
        return out.append('\'').toString();
    }

    /** A refusal naming one of this object's fields. */
    public ProblemException invalid(String name, String detail) {
        return ProblemException.badRequest(path(name), path(name) + ": " + detail);
    }

    private JsonNode value(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private ProblemException missing(String name) {
        return ProblemException.badRequest(path(name), path(name) + " is required");
    }

    private ProblemException wrongType(String name, String expected) {
        return ProblemException.badRequest(path(name), path(name) + " must be " + expected);
    }
}
