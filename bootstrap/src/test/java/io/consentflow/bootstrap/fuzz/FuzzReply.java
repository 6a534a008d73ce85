package io.consentflow.bootstrap.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** An answer as received: status, Content-Type, body bytes (parsed as JSON at most once). */
final class FuzzReply {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final int status;
    private final String contentType;
    private final byte[] body;
    private JsonNode json;
    private boolean parsed;

    FuzzReply(int status, String contentType, byte[] body) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body as JSON, or null when it is not JSON. */
    synchronized JsonNode json() {
        if (!parsed) {
            parsed = true;
            try {
                json = body.length == 0 ? null : JSON.readTree(body);
            } catch (IOException e) {
                json = null;
            }
        }
        return json;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + FuzzCase.abbreviate(text(), 400);
    }
}
