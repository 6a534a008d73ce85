package io.consentflow.domain.template;

import io.consentflow.domain.contact.Language;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Every registered template, indexed once so that choosing one costs a map lookup: by name (then language), by
 * our id and by the provider's id. A sender (a flow, the API, a broadcast) asks for a name and the contact's
 * language; it gets the entry in that language, else the name's default (its first registered language).
 */
public final class TemplateBook {
    public static final TemplateBook EMPTY = new TemplateBook(List.of());

    /** Each name's entries, the default (earliest registered) first. */
    private final Map<String, List<MessageTemplate>> byName = new HashMap<>();
    private final Map<String, MessageTemplate> byId = new HashMap<>();

    private TemplateBook(Collection<MessageTemplate> templates) {
        List<MessageTemplate> ordered = new ArrayList<>(templates);
        ordered.sort(Comparator.comparing(MessageTemplate::createdAt).thenComparing(MessageTemplate::language));
        for (MessageTemplate t : ordered) {
            byName.computeIfAbsent(t.name(), n -> new ArrayList<>()).add(t);
            byId.put(t.id().toString(), t);
        }
        for (MessageTemplate t : ordered) {
            // our own id wins over a provider's id that happens to look the same
            if (t.providerId() != null) byId.putIfAbsent(t.providerId(), t);
        }
    }

    public static TemplateBook of(Collection<MessageTemplate> templates) {
        return templates.isEmpty() ? EMPTY : new TemplateBook(templates);
    }

    public boolean knows(String name) {
        return name != null && byName.containsKey(name);
    }

    /** The entry of {@code name} in exactly {@code language} (the tag as registered, case aside). */
    public Optional<MessageTemplate> find(String name, String language) {
        if (name == null || language == null) return Optional.empty();
        for (MessageTemplate t : byName.getOrDefault(name, List.of())) {
            if (t.language().equalsIgnoreCase(language)) return Optional.of(t);
        }
        return Optional.empty();
    }

    /**
     * The entry of {@code name} for a reader of {@code language}: the one in that language (the first registered if
     * several tags name it, {@code en} and {@code en_US}), else the name's default; empty for an unknown name.
     */
    public Optional<MessageTemplate> pick(String name, Optional<Language> language) {
        List<MessageTemplate> entries = name == null ? List.of() : byName.getOrDefault(name, List.of());
        if (entries.isEmpty()) return Optional.empty();
        if (language.isPresent()) {
            for (MessageTemplate t : entries) {
                if (t.knownLanguage().equals(language)) return Optional.of(t);
            }
        }
        return Optional.of(entries.get(0));
    }

    /**
     * The template a flow names by uuid (our id, or the provider's id as Glific keeps it), in the reader's language
     * when the same name has it, else the entry the uuid names.
     */
    public Optional<MessageTemplate> pickByUuid(String uuid, Optional<Language> language) {
        MessageTemplate named = uuid == null ? null : byId.get(uuid);
        if (named == null) return Optional.empty();
        if (language.isPresent() && !named.knownLanguage().equals(language)) {
            for (MessageTemplate t : byName.get(named.name())) {
                if (t.knownLanguage().equals(language)) return Optional.of(t);
            }
        }
        return Optional.of(named);
    }

    public Optional<MessageTemplate> byId(UUID id) {
        return Optional.ofNullable(byId.get(id.toString())).filter(t -> t.id().equals(id));
    }

    /** Every entry, by name and then default first. */
    public List<MessageTemplate> all() {
        List<MessageTemplate> all = new ArrayList<>();
        byName.keySet().stream().sorted().forEach(n -> all.addAll(byName.get(n)));
        return all;
    }
}
