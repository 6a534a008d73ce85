package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.TemplateStore;
import io.consentflow.application.port.out.TemplateStore.Written;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.UUID;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplatesTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static TemplateStore templates;

    @BeforeAll
    static void start() {
        templates = new PersistenceAdapter(db.dataSource()).templates();
    }

    private static MessageTemplate template(String name, String language) {
        return new MessageTemplate(UUID.randomUUID(), name, language, TemplateCategory.MARKETING,
                "Hi {{1}}, 20% off 🎉", "Sale", "Reply STOP to opt out", List.of("Shop", "Stop"), "gs-" + name,
                T0);
    }

    @Test
    void anEntryIsStoredAsGivenAndEveryChangeMovesTheVersion() {
        long before = templates.version();
        MessageTemplate t = template("diwali_offer", "hi");
        assertEquals(Written.DONE, templates.add(t));
        assertEquals(t, templates.find(t.id()).orElseThrow());
        assertEquals(before + 1, templates.version());

        MessageTemplate changed = new MessageTemplate(t.id(), t.name(), "hi_IN", TemplateCategory.UTILITY, "Hello",
                null, null, List.of(), null, t.createdAt());
        assertEquals(Written.DONE, templates.replace(changed));
        assertEquals(changed, templates.find(t.id()).orElseThrow());
        assertEquals(before + 2, templates.version());

        assertEquals(Written.DONE, templates.delete(t.id()));
        assertTrue(templates.find(t.id()).isEmpty());
        assertEquals(Written.NOT_FOUND, templates.delete(t.id()));
        assertEquals(Written.NOT_FOUND, templates.replace(changed));
        assertEquals(before + 3, templates.version(), "nothing written, nothing moved");
    }

    @Test
    void oneEntryPerNameAndLanguageTheLanguagesCaseAside() {
        MessageTemplate en = template("welcome", "en_US");
        assertEquals(Written.DONE, templates.add(en));
        long version = templates.version();
        assertEquals(Written.NAME_AND_LANGUAGE_TAKEN, templates.add(template("welcome", "EN_us")));
        assertEquals(version, templates.version());
        MessageTemplate hi = template("welcome", "hi");
        assertEquals(Written.DONE, templates.add(hi));
        MessageTemplate renamed = new MessageTemplate(hi.id(), "welcome", "en_us", hi.category(), hi.body(), null,
                null, List.of(), null, hi.createdAt());
        assertEquals(Written.NAME_AND_LANGUAGE_TAKEN, templates.replace(renamed));
        assertEquals(hi, templates.find(hi.id()).orElseThrow(), "unchanged");
        assertTrue(templates.all().stream().filter(t -> t.name().equals("welcome")).count() == 2);
    }

    @Test
    void theDatabaseRefusesACategoryItDoesNotKnow() {
        assertThrows(RuntimeException.class, () -> db.execute("INSERT INTO templates (id, name, language, category, "
                + "body, created_at, updated_at) VALUES (gen_random_uuid(), 'x', 'en', 'promotional', 'b', now(), now())"));
    }
}
