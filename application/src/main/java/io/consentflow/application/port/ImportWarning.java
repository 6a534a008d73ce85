package io.consentflow.application.port;

import java.util.Objects;

/**
 * Something an imported flow will do differently from Glific although it imports: a classifier nobody configured,
 * a translation under a language key that names no language, a broadcast recipient known only by Glific's id.
 * {@code path} names the place in the imported text as refusals do ({@code nodes[2] (uuid).actions[0]});
 * {@code detail} says what will happen instead, in our words. Read by the flow format, answered by the import.
 */
public record ImportWarning(String path, String detail) {
    public ImportWarning {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(detail, "detail");
    }
}
