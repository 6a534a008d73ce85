package io.consentflow.adapter.http.admin;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A registered template; {@code params} is how many parameters a send must give (its body's placeholders),
 * {@code providerId} null when the provider knows it by its name.
 */
record TemplateJson(UUID id, String name, String language, String category, String body, String header,
                    String footer, List<String> buttons, String providerId, int params, Instant createdAt) {
}
