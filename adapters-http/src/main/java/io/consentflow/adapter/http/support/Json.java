package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.util.TimeZone;

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
            throw ProblemException.badRequest("body", "malformed JSON: " + e.getOriginalMessage()
                    + location(e));
        } catch (IOException e) {
            // bytes in memory cannot fail to be read: this is the content (e.g. CharConversionException, bytes
            // that look like UTF-32 but name no character)
            throw ProblemException.badRequest("body", "malformed JSON: the body is not valid UTF-8, UTF-16 or UTF-32 text");
        }
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String location(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

}
