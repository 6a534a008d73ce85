package io.consentflow.application.service;

import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateCatalogTest {
    static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    /** A registry whose version moves with each change, counting how often it is read. */
    static final class Store implements TemplateStore {
        final List<MessageTemplate> rows = new ArrayList<>();
        long version;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger versionReads = new AtomicInteger();

        @Override
        public long version() {
            versionReads.incrementAndGet();
            return version;
        }

        @Override
        public List<MessageTemplate> all() {
            reads.incrementAndGet();
            return List.copyOf(rows);
        }

        @Override
        public Optional<MessageTemplate> find(UUID id) {
            return rows.stream().filter(t -> t.id().equals(id)).findFirst();
        }

        @Override
        public Written add(MessageTemplate t) {
            rows.add(t);
            version++;
            return Written.DONE;
        }

        @Override
        public Written replace(MessageTemplate t) {
            return Written.NOT_FOUND;
        }

        @Override
        public Written delete(UUID id) {
            return rows.removeIf(t -> t.id().equals(id)) ? Written.DONE : Written.NOT_FOUND;
        }
    }

    static MessageTemplate entry(String name) {
        return new MessageTemplate(UUID.randomUUID(), name, "en", TemplateCategory.UTILITY, "Hi", null, null,
                List.of(), null, T0);
    }

    @Test
    void theRegistryIsReadOnceAndAgainOnlyWhenItsVersionMoves() {
        Store store = new Store();
        store.add(entry("a"));
        MovingClock clock = new MovingClock();
        TemplateCatalog catalog = new TemplateCatalog(store, Duration.ofSeconds(1), clock);

        assertTrue(catalog.current().knows("a"));
        for (int i = 0; i < 1000; i++) catalog.current();
        assertEquals(1, store.reads.get(), "a thousand picks, one read");
        assertEquals(1, store.versionReads.get(), "the version is asked at most once a second");

        store.add(entry("b"));   // another instance's change
        assertTrue(!catalog.current().knows("b"), "seen within a second, not at once");
        clock.now = clock.now.plusSeconds(1);
        assertTrue(catalog.current().knows("b"));
        assertEquals(2, store.reads.get());

        clock.now = clock.now.plusSeconds(5);
        var book = catalog.current();
        assertSame(book, catalog.current(), "the version did not move: the same book");
        assertEquals(2, store.reads.get());
    }

    @Test
    void aChangeThroughThisInstanceIsSeenAtOnce() {
        Store store = new Store();
        MovingClock clock = new MovingClock();
        TemplateCatalog catalog = new TemplateCatalog(store, Duration.ofSeconds(1), clock);
        TemplateService service = new TemplateService(store, catalog, clock, UUID::randomUUID);
        assertTrue(catalog.current().all().isEmpty());

        MessageTemplate t = service.register(new io.consentflow.application.port.in.ManageTemplatesUseCase
                .TemplateDraft("visit", "hi", TemplateCategory.UTILITY, "{{1}}", null, null, null, "gs-1"));
        assertEquals(List.of(t), service.templates("visit"));
        assertTrue(catalog.current().knows("visit"));
    }
}
