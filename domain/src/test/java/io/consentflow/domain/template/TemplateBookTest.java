package io.consentflow.domain.template;

import io.consentflow.domain.contact.Language;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateBookTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    private static MessageTemplate entry(String name, String language, int order, String providerId) {
        return new MessageTemplate(UUID.nameUUIDFromBytes((name + language).getBytes()), name, language,
                TemplateCategory.MARKETING, "Hi {{1}}", null, null, List.of(), providerId, T0.plusSeconds(order));
    }

    private final TemplateBook book = TemplateBook.of(List.of(entry("offer", "hi", 1, "gs-hi"),
            entry("offer", "en_US", 0, "gs-en"), entry("offer", "ta", 2, null), entry("other", "en", 0, null)));

    @Test
    void aNameIsPickedInTheReadersLanguageElseInItsFirstRegisteredLanguage() {
        assertEquals("hi", book.pick("offer", Language.find("hin")).orElseThrow().language());
        assertEquals("en_US", book.pick("offer", Language.find("eng")).orElseThrow().language(), "en_US is English");
        assertEquals("en_US", book.pick("offer", Language.find("mr")).orElseThrow().language(), "the default");
        assertEquals("en_US", book.pick("offer", Optional.empty()).orElseThrow().language());
        assertTrue(book.pick("missing", Language.find("eng")).isEmpty());
    }

    @Test
    void aUuidNamesOurIdOrTheProvidersIdThenTheReadersLanguageOfTheSameName() {
        assertEquals("hi", book.pickByUuid("gs-en", Language.find("hi")).orElseThrow().language());
        assertEquals("en_US", book.pickByUuid("gs-en", Language.find("mr")).orElseThrow().language());
        String ours = UUID.nameUUIDFromBytes("offerta".getBytes()).toString();
        assertEquals("ta", book.pickByUuid(ours, Optional.empty()).orElseThrow().language());
        assertTrue(book.pickByUuid("nobody", Optional.empty()).isEmpty());
    }

    @Test
    void anExactLanguageIsFoundAsRegistered() {
        assertEquals("en_US", book.find("offer", "EN_us").orElseThrow().language());
        assertTrue(book.find("offer", "en").isEmpty());
        assertTrue(book.knows("other"));
        assertFalse(book.knows("Other"));
    }

    @Test
    void placeholdersAreNumberedFromOneWithoutAGap() {
        assertEquals(Optional.of(0), MessageTemplate.placeholders("No variables"));
        assertEquals(Optional.of(2), MessageTemplate.placeholders("{{2}} and {{1}} and {{1}} again"));
        assertEquals(Optional.empty(), MessageTemplate.placeholders("{{1}} then {{3}}"), "a gap");
        assertEquals(Optional.empty(), MessageTemplate.placeholders("{{0}}"));
    }

    @Test
    void aBodyIsRenderedWithItsParametersInOrder() {
        MessageTemplate t = new MessageTemplate(UUID.randomUUID(), "x", "en", TemplateCategory.UTILITY,
                "Dear {{1}}, your code is {{2}}. {{1}}: $1 \\ ok", null, null, List.of(), null, T0);
        assertEquals(2, t.params());
        assertEquals("Dear Asha, your code is 42. Asha: $1 \\ ok", t.render(List.of("Asha", "42")));
        assertThrows(IllegalArgumentException.class, () -> t.render(List.of("Asha")));
    }
}
