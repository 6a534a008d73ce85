package io.consentflow.domain.flow.action;

/** Saves {@code value} (rendered) under {@code @results.<snake name>} with an optional category. */
public record SetRunResult(String uuid, String name, String value, String category) implements Action {
}
