package io.consentflow.application.port.out;

import io.consentflow.domain.template.MessageTemplate;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The registered templates; every change moves {@link #version()} so each instance's cached copy follows it. */
public interface TemplateStore {
    /** How a write went: done, no such entry, or another entry has that name and language. */
    enum Written { DONE, NOT_FOUND, NAME_AND_LANGUAGE_TAKEN }

    long version();

    List<MessageTemplate> all();

    Optional<MessageTemplate> find(UUID id);

    /** A new entry (its id new too). */
    Written add(MessageTemplate template);

    /** Replaces the entry with the same id, keeping its creation time. */
    Written replace(MessageTemplate template);

    Written delete(UUID id);
}
