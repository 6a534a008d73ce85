package io.consentflow.adapter.http.console;

/** A registered template as one row of the templates page: display text only ("—" for what is not set). */
public record TemplateLine(String id, String name, String language, String category, String body,
                           String providerId) {
}
