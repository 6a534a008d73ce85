package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one ObjectMapper of the adapter and reading request bodies into trees. */
public final class Json {
    private final ObjectMapper mapper;

    public Json() {
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // ISO-8601 UTC strings ("2026-11-25T10:00:00Z"), never epoch numbers
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a signed body with a key twice could mean two things to two readers: refuse it
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .defaultTimeZone(TimeZone.getTimeZone("UTC"))
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** Parses a request body that must be one JSON object; 400 (field {@code body}) otherwise. */
    public JsonFields readObject(byte[] body) {
        return JsonFields.root(readTree(body));
    }

    /** Parses a request body; 400 (field {@code body}) when it is not JSON. */
    public JsonNode readTree(byte[] body) {
        if (body == null || body.length == 0) throw ProblemException.badRequest("body", "the request body is empty");
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ProblemException.badRequest("body", "the request body is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + inOurWords(e) + location(e));
        } catch (IOException e) {
            // bytes in memory cannot fail to be read: this is the content (e.g. CharConversionException, bytes
            // that look like UTF-32 but name no character)
            throw ProblemException.badRequest("body", "malformed JSON: the body is not valid UTF-8, UTF-16 or UTF-32 text");
        }
    }

    /**
     * Answers with {@code value} as JSON written by this mapper, never the app's: a host that mounts our routes
     * keeps its own JSON mapper, and our API keeps its times and field names.
     */
    public void reply(Context ctx, Object value) {
        ctx.contentType(ContentType.APPLICATION_JSON).result(write(value));
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /**
     * What is wrong, without Jackson's own text: it names its classes and settings ({@code JsonNode},
     * {@code FAIL_ON_TRAILING_TOKENS}), which tell a caller about our insides and nothing about their input.
     */
    static String inOurWords(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) return "it nests too deep or a value is too long";
        if (e instanceof JsonEOFException) return "it ends early (an object, array or string is not closed)";
        if (e instanceof MismatchedInputException && original.startsWith("Trailing token")) {
            return "there is more after the JSON value";
        }
        Matcher duplicate = DUPLICATE.matcher(original);
        if (duplicate.lookingAt()) return "the field '" + clip(duplicate.group(1)) + "' appears twice in one object";
        if (original.startsWith("Unexpected end-of-input")) return "it ends early (an object, array or string is not closed)";
        if (original.contains("Invalid UTF-8") || original.contains("Invalid UTF-32")) {
            return "the body is not valid UTF-8 text";
        }
        if (original.startsWith("Illegal unquoted character") || original.contains("control character")) {
            return "a string contains an unescaped control character";
        }
        if (original.startsWith("Unrecognized token")) return "a word that is not true, false or null";
        if (original.startsWith("Unexpected character") || original.startsWith("Illegal character")) {
            return "an unexpected character";
        }
        if (original.contains("Numeric value") || original.contains("Number")) return "a number that cannot be read";
        return "it is not well-formed JSON";
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*?)'");

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

}
