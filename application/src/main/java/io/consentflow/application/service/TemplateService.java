package io.consentflow.application.service;

import io.consentflow.application.port.in.ManageTemplatesUseCase;
import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.application.port.out.TemplateStore.Written;
import io.consentflow.domain.template.MessageTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** Registers, replaces and deletes templates; each change is seen by this instance's senders at once. */
public final class TemplateService implements ManageTemplatesUseCase {
    private final TemplateStore store;
    private final TemplateCatalog catalog;
    private final Clock clock;
    private final Supplier<UUID> ids;

    public TemplateService(TemplateStore store, TemplateCatalog catalog, Clock clock, Supplier<UUID> ids) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public MessageTemplate register(TemplateDraft d) {
        MessageTemplate t = entry(ids.get(), d, clock.instant());
        Written written = store.add(t);
        catalog.invalidate();
        if (written != Written.DONE) throw new TemplateTakenException(d.name(), d.language());
        return t;
    }

    @Override
    public Optional<MessageTemplate> replace(UUID id, TemplateDraft d) {
        Optional<MessageTemplate> stored = store.find(id);
        if (stored.isEmpty()) return Optional.empty();
        MessageTemplate t = entry(id, d, stored.get().createdAt());
        Written written = store.replace(t);
        catalog.invalidate();
        return switch (written) {
            case DONE -> Optional.of(t);
            case NOT_FOUND -> Optional.empty();
            case NAME_AND_LANGUAGE_TAKEN -> throw new TemplateTakenException(d.name(), d.language());
        };
    }

    @Override
    public boolean delete(UUID id) {
        Written written = store.delete(id);
        catalog.invalidate();
        return written == Written.DONE;
    }

    @Override
    public Optional<MessageTemplate> template(UUID id) {
        return store.find(id);
    }

    @Override
    public List<MessageTemplate> templates(String name) {
        return catalog.current().all().stream().filter(t -> name == null || t.name().equals(name)).toList();
    }

    private static MessageTemplate entry(UUID id, TemplateDraft d, java.time.Instant createdAt) {
        return new MessageTemplate(id, d.name(), d.language(), d.category(), d.body(), d.header(), d.footer(),
                d.buttons(), d.providerId(), createdAt);
    }
}
