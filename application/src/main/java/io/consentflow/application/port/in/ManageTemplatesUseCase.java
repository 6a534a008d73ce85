package io.consentflow.application.port.in;

import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The template registry: one entry per name and language. */
public interface ManageTemplatesUseCase {
    /** @throws TemplateTakenException when the name and language are registered already */
    MessageTemplate register(TemplateDraft draft);

    /**
     * @return empty when there is no such entry
     * @throws TemplateTakenException when another entry has the new name and language
     */
    Optional<MessageTemplate> replace(UUID id, TemplateDraft draft);

    boolean delete(UUID id);

    Optional<MessageTemplate> template(UUID id);

    /** Every entry, by name and then its default language first; only those of {@code name} unless it is null. */
    List<MessageTemplate> templates(String name);

    /**
     * An entry as a caller gives it. The body's placeholders must be {@code {{1}}}..{@code {{n}}} (checked by the
     * adapter, which names the field).
     */
    record TemplateDraft(String name, String language, TemplateCategory category, String body, String header,
                         String footer, List<String> buttons, String providerId) {
        public TemplateDraft {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(language, "language");
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(body, "body");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
        }
    }

    final class TemplateTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TemplateTakenException(String name, String language) {
            super("a template named '" + name + "' in language '" + language + "' is registered already");
        }
    }
}
