package io.consentflow.adapter.http.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.consentflow.adapter.http.support.ProblemException;
import io.consentflow.adapter.http.support.Required;
import io.consentflow.adapter.http.support.StorableText;
import io.consentflow.application.port.InputText;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Typed reading of one provider callback object that knows its own path in the callback, so every refusal names
 * the field (400, {@code field = "payload.id"}). Callbacks are read field by field rather than bound to records
 * as admin bodies are: what a provider sends depends on a type read first (a message type we ignore is not
 * checked further), one malformed Meta item is skipped while the others are kept, and providers send some values
 * either way (a time as a number or a string of digits, an error code as either). Otherwise strict: a number where
 * a string is documented is refused, missing and {@code null} are the same, and every string read must be
 * storable ({@link StorableText}).
 */
public final class CallbackFields {
    /** The latest instant a provider timestamp may name: 9999-12-31T23:59:59.999Z (PostgreSQL and ISO-8601 agree). */
    static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;
    /** A provider's message id: theirs are under 100 characters; an id is a key we store and index. */
    public static final int MAX_PROVIDER_ID = 256;
    /** A contact's name (a WhatsApp profile name is at most 25). */
    public static final int MAX_NAME = 256;
    /** A media URL longer than this is not kept (the message still is): no provider sends one. */
    public static final int MAX_URL = 4096;
    private final JsonNode node;
    private final String path;

    private CallbackFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The request body, which must be an object. */
    public static CallbackFields root(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ProblemException.badRequest("body", "the request body must be a JSON object");
        }
        return new CallbackFields(body, "");
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

    /**
     * Where a media message's file is, if the field holds a string that can be kept (not blank, at most
     * {@link #MAX_URL} characters, storable); anything else is no URL, never a 400: the message itself is what
     * counts, and a provider must not retry it for a field we only keep.
     */
    public Optional<String> mediaUrl(String name) {
        JsonNode v = value(name);
        if (v == null || !v.isTextual()) return Optional.empty();
        String url = v.textValue();
        if (url.isBlank() || url.length() > MAX_URL || InputText.unstorable(url) != null) return Optional.empty();
        return Optional.of(url);
    }

    public boolean has(String name) {
        return value(name) != null;
    }

    public Optional<String> text(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isTextual()) throw wrongType(name, "a string");
        return Optional.of(StorableText.require(path(name), v.textValue()));
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
        return Optional.of(v.isTextual() ? StorableText.require(path(name), v.textValue()) : v.asText());
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

    public Optional<CallbackFields> object(String name) {
        JsonNode v = value(name);
        if (v == null) return Optional.empty();
        if (!v.isObject()) throw wrongType(name, "an object");
        return Optional.of(new CallbackFields(v, path(name)));
    }

    /** An optional object; missing reads as an empty one (with the right path for later refusals). */
    public CallbackFields objectOrEmpty(String name) {
        return object(name).orElseGet(() -> new CallbackFields(JsonNodeFactory.instance.objectNode(), path(name)));
    }

    public CallbackFields requiredObject(String name) {
        return object(name).orElseThrow(() -> missing(name));
    }

    /** An array of objects; missing means empty. */
    public List<CallbackFields> objects(String name) {
        JsonNode v = value(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw wrongType(name, "an array");
        List<CallbackFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            String p = path(name) + "[" + i + "]";
            if (!v.get(i).isObject()) throw ProblemException.badRequest(p, p + " must be an object");
            out.add(new CallbackFields(v.get(i), p));
        }
        return out;
    }

    /**
     * The elements of an array, whatever each is, so a caller can skip a bad one and keep the rest (check
     * {@code node().isObject()}); missing means empty, anything but an array is a 400 naming it.
     */
    public List<CallbackFields> elements(String name) {
        JsonNode v = value(name);
        if (v == null) return List.of();
        if (!v.isArray()) throw wrongType(name, "an array");
        List<CallbackFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(new CallbackFields(v.get(i), path(name) + "[" + i + "]"));
        return out;
    }

    /** A phone number (E.164 digits, optional {@code +}); 400 naming the field when it is not one. */
    public Optional<Phone> phone(String name) {
        return text(name).map(t -> Required.phone(path(name), t));
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
