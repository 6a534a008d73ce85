package io.consentflow.adapter.http.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.javalin.http.HttpStatus;

/**
 * An RFC 7807 problem body. {@code field} names the offending request field as a dotted path
 * ({@code payload.id}, {@code entry[0].changes[0].value.messages[1].from}); {@code code} is a machine-readable
 * reason (e.g. a send refusal); {@code where} locates a fault inside an imported flow.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String code, String where) {
    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", HttpStatus.forStatus(status).getMessage(), status, detail, null, null, null);
    }

    public Problem withField(String newField) {
        return new Problem(type, title, status, detail, newField, code, where);
    }

    public Problem withCode(String newCode) {
        return new Problem(type, title, status, detail, field, newCode, where);
    }

    public Problem withWhere(String newWhere) {
        return new Problem(type, title, status, detail, field, code, newWhere);
    }
}
