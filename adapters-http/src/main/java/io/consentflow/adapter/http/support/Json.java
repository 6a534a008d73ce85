package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.ContentType;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one ObjectMapper of the adapter (built once, shared by every instance: it is thread-safe), reading request
 * bodies into trees or binding them to records, and reading the providers' answers.
 */
public final class Json {
    private static final ObjectMapper MAPPER = build();
    /**
     * A provider's answer to a send: read leniently, as a client reads a server it does not control (a key twice
     * or trailing bytes do not hide the message id).
     */
    private static final ObjectReader ANSWERS = MAPPER.reader()
            .without(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectMapper mapper = MAPPER;

    /** The reader of the providers' answers to our calls. */
    public static ObjectReader answers() {
        return ANSWERS;
    }

    private static ObjectMapper build() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // ISO-8601 UTC strings ("2026-11-25T10:00:00Z"), never epoch numbers
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // a signed body with a key twice could mean two things to two readers: refuse it
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .defaultTimeZone(TimeZone.getTimeZone("UTC"))
                // request bodies bind to records as they are typed: "true" is no boolean, 5 no string, 1.5 no int
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .withCoercionConfig(LogicalType.Textual, strings -> strings
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // "" or " " is no boolean, no array and no object either
                .withCoercionConfigDefaults(any -> any.setAcceptBlankAsEmpty(false)
                        .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                // ["a", null] is no array of strings
                .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
                .addModule(new SimpleModule("storable-strings")
                        .addDeserializer(String.class, new BodyBinding.StorableStrings()))
                .build();
    }

    /**
     * An admin request body, which must be a JSON object, bound to the record {@code type}: a field the record
     * does not declare (an admin body is ours, so an unknown field is a typo that would otherwise be ignored), a
     * value of another type, or text PostgreSQL cannot store is a 400 naming the field.
     */
    public <T> T read(byte[] body, Class<T> type) {
        return bind(readObject(body), type);
    }

    /** As {@link #read}, for a body already parsed (to see which fields it gives). */
    public <T> T bind(JsonNode object, Class<T> type) {
        try {
            return mapper.readerFor(type).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(object);
        } catch (JsonMappingException e) {
            throw BodyBinding.problem(e);
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "the request body cannot be read");
        }
    }

    /** Parses a request body that must be one JSON object; 400 (field {@code body}) otherwise. */
    public JsonNode readObject(byte[] body) {
        JsonNode node = readTree(body);
        if (!node.isObject()) throw ProblemException.badRequest("body", "the request body must be a JSON object");
        return node;
    }

    public ObjectMapper mapper() {
        return mapper;
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
            throw ProblemException.badRequest("body", malformed(e));
        } catch (IOException e) {
            // bytes in memory cannot fail to be read: this is the content (e.g. CharConversionException, bytes
            // that look like UTF-32 but name no character)
            throw ProblemException.badRequest("body", "malformed JSON: the body is not valid UTF-8, UTF-16 or UTF-32 text");
        }
    }

    /**
     * A request body as text, for a use case that reads the JSON itself (a flow import). The encoding is found as
     * a JSON parser finds it from the bytes (RFC 4627: a byte order mark, else where the first bytes are zero):
     * UTF-8, UTF-16 or UTF-32, so a body reads as it did when parsed here. 400 (field {@code body}) when empty or
     * not text in that encoding.
     */
    public static String text(byte[] body) {
        if (body == null || body.length == 0) throw ProblemException.badRequest("body", "the request body is empty");
        BodyEncoding encoding = BodyEncoding.of(body);
        try {
            return encoding.decode(body);
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("body", "malformed JSON: " + (encoding.charset() == StandardCharsets.UTF_8
                    ? "the body is not valid UTF-8 text" : "the body is not valid UTF-8, UTF-16 or UTF-32 text"));
        }
    }

    /** The 400 detail for a body Jackson could not parse, in our words and with where it stopped. */
    public static String malformed(JsonProcessingException e) {
        return "malformed JSON: " + inOurWords(e) + location(e);
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
