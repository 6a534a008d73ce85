package io.consentflow.application.service;

import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.domain.template.TemplateBook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The registered templates, cached per instance as one {@link TemplateBook} and reloaded when the registry's version
 * moves, as {@link FlowCatalog} caches the flows: a change through this instance is seen at once
 * ({@link #invalidate}), one made on another instance within {@code maxAge}. A sender (a flow, the API, a
 * broadcast of a million messages) picks a template by name and language from memory, no query per message.
 */
public final class TemplateCatalog {
    private final TemplateStore store;
    private final Duration maxAge;
    private final Clock clock;
    private volatile Loaded loaded;
    private volatile Instant checkedAt = Instant.MIN;

    private record Loaded(long version, TemplateBook book) {
    }

    /** Without an age limit: the registry's version is read on every call. */
    public TemplateCatalog(TemplateStore store) {
        this(store, Duration.ZERO, null);
    }

    /** @param clock real time, which ages the cache */
    public TemplateCatalog(TemplateStore store, Duration maxAge, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.maxAge = maxAge;
        this.clock = maxAge.isZero() ? clock : Objects.requireNonNull(clock, "clock");
    }

    public TemplateBook current() {
        Loaded l = loaded;
        Instant now = maxAge.isZero() ? null : clock.instant();
        if (l != null && now != null && now.isBefore(checkedAt.plus(maxAge))) return l.book();
        long version = store.version();
        if (now != null) checkedAt = now;
        if (l != null && l.version() == version) return l.book();
        Loaded fresh = new Loaded(version, TemplateBook.of(store.all()));
        loaded = fresh;
        return fresh.book();
    }

    /** Forgets the cache: the next call reads the registry. */
    public void invalidate() {
        loaded = null;
    }
}
