package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.contact.RecentFlowTexts;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactsTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Contacts contacts;
    private static Conversations conversations;
    private static Jdbi raw;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        contacts = adapter.contacts();
        conversations = adapter.conversations();
        raw = Jdbi.create(db.dataSource());
    }

    @Test
    void whatFlowsSentSurvivesSaveAndEveryWayOfLoading() {
        Phone phone = Fixtures.phone();
        Contact c = Fixtures.lockOrCreate(conversations, phone, "Asha", T0);
        assertTrue(c.recentFlowTexts().isEmpty());
        for (int i = 0; i < 3; i++) c.flowTextSent("May we write to you? 👍/👎", T0.plusSeconds(300L * i));
        c.flowTextSent("Thank you", T0.plusSeconds(900));
        conversations.lockOrCreate(phone, null, T0, locked -> Turn.saving(Changes.of(c)));
        RecentFlowTexts expected = c.recentFlowTexts();
        assertEquals(2, expected.entries().size());

        Contact found = contacts.find(phone).orElseThrow();
        assertEquals(expected, found.recentFlowTexts());
        assertTrue(found.flowTextWouldLoop("May we write to you? 👍/👎", T0.plusSeconds(1200)),
                "a fourth copy after the reload is a loop");
        Contact locked = Fixtures.lockOrCreate(conversations, phone, null, T0);
        assertEquals(expected, locked.recentFlowTexts());
        Contact admitted = new PersistenceAdapter(db.dataSource()).conversations().inbound(
                Fixtures.inbound(phone, "gs-loop-1"), "Asha", T0,
                opened -> new Turn<>(Changes.none(), opened.contact())).orElseThrow();
        assertEquals(expected, admitted.recentFlowTexts(), "the inbound path's lock reads it too");

        // a contact flows never wrote to keeps NULL, not an empty document
        Phone other = Fixtures.phone();
        Fixtures.lockOrCreate(conversations, other, "B", T0);
        assertNull(raw.withHandle(h -> h.createQuery("SELECT flow_texts::text FROM contacts WHERE phone = :p")
                .bind("p", other.digits()).mapTo(String.class).one()));
    }

    @Test
    void lockOrCreateCreatesANewValidContactWithUnknownConsent() {
        Phone phone = Fixtures.phone();
        Contact c = Fixtures.lockOrCreate(conversations, phone, " Asha ", T0);
        assertEquals("Asha", c.name());
        assertEquals(ContactStatus.VALID, c.status());
        assertEquals(ConsentState.UNKNOWN, c.consent().state());

        Contact stored = contacts.find(phone).orElseThrow();
        assertEquals("Asha", stored.name());
        assertEquals(Contact.DEFAULT_LANGUAGE, stored.language());
        assertEquals(T0, stored.createdAt());
        assertEquals(ConsentState.UNKNOWN, stored.consent().state());
        assertNull(stored.lastInboundAt());
        assertEquals(List.of("valid", "unknown"), raw.withHandle(h -> h.createQuery(
                "SELECT status, consent_status FROM contacts WHERE phone = :p").bind("p", phone.digits())
                .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2))).one()));
    }

    @Test
    void lockOrCreateReturnsTheStoredContactWhenItExists() {
        Phone phone = Fixtures.phone();
        conversations.lockOrCreate(phone, "First", T0, opened -> {
            Contact c = opened.contact();
            c.setField("city", "Pune");
            return Turn.saving(Changes.of(c));
        });
        Contact again = Fixtures.lockOrCreate(conversations, phone, "Other name", T0.plusSeconds(60));
        assertEquals("First", again.name());
        assertEquals(Map.of("city", "Pune"), again.fields());
        assertEquals(T0, again.createdAt());
    }

    @Test
    void saveAndFindRoundTripEveryPartOfTheContact() {
        Phone phone = Fixtures.phone();
        conversations.lockOrCreate(phone, null, T0, opened -> {
            Contact c = opened.contact();
            c.rename("Ravi Kumar");
            c.changeLanguage("hin");
            c.setField("city", "Pune");
            c.setField("age_group", "19 or above");
            c.addGroups(List.of("Optin contacts", "Beneficiaries"));
            c.receivedInbound(T0.plusSeconds(5), "ignored: has a name");
            c.optIn(ConsentMethod.FLOW, "msg-17", "dd8d0a16-b8c3-4b61-bf8e-e5cad6fa8a2f", T0.plusSeconds(6));
            return Turn.saving(Changes.of(c));
        });
        Contact stored = contacts.find(phone).orElseThrow();
        assertEquals("Ravi Kumar", stored.name());
        assertEquals("hin", stored.language());
        assertEquals(Map.of("city", "Pune", "age_group", "19 or above"), stored.fields());
        assertEquals(Set.of("Optin contacts", "Beneficiaries"), stored.groups());
        assertEquals(T0.plusSeconds(5), stored.lastInboundAt());
        assertEquals(ContactStatus.VALID, stored.status());
        assertEquals(ConsentState.OPTED_IN, stored.consent().state());
        assertEquals(ConsentMethod.FLOW, stored.consent().method());
        assertEquals("msg-17", stored.consent().evidence());
        assertEquals(T0.plusSeconds(6), stored.consent().at());
        assertTrue(stored.newConsentChanges().isEmpty(), "a restored contact carries no new changes");

        conversations.lockOrCreate(phone, null, T0, opened -> {
            Contact c = opened.contact();
            c.setField("city", null);
            c.removeGroups(List.of("Beneficiaries"));
            c.block();
            return Turn.saving(Changes.of(c));
        });
        Contact changed = contacts.find(phone).orElseThrow();
        assertEquals(Map.of("age_group", "19 or above"), changed.fields());
        assertEquals(Set.of("Optin contacts"), changed.groups());
        assertEquals(ContactStatus.BLOCKED, changed.status());
    }

    @Test
    void everyStatusConsentAndMethodIsAcceptedByTheSchema() {
        for (ContactStatus status : ContactStatus.values()) {
            for (ConsentMethod method : ConsentMethod.values()) {
                Phone phone = Fixtures.phone();
                Contact c = Contact.newContact(phone, "x", T0);
                c.optOut(method, "e", null, T0);
                if (status == ContactStatus.BLOCKED) c.block();
                if (status == ContactStatus.VALID) c.optIn(method, "e", null, T0.plusSeconds(1));
                Fixtures.save(conversations, c);
                Contact stored = contacts.find(phone).orElseThrow();
                assertEquals(c.status(), stored.status());
                assertEquals(c.consent(), stored.consent());
            }
        }
    }

    @Test
    void consentHistoryIsAppendedOldestFirstAndNotDuplicatedByASecondSave() {
        Phone phone = Fixtures.phone();
        Contact c = Fixtures.lockOrCreate(conversations, phone, "A", T0);
        c.optIn(ConsentMethod.FLOW, "msg-1", "flow-in", T0.plusSeconds(10));
        Fixtures.save(conversations, c);
        c.optOut(ConsentMethod.FLOW, "msg-2", "flow-out", T0.plusSeconds(20));
        Fixtures.save(conversations, c);   // the first change is already written
        Fixtures.save(conversations, c);
        conversations.lockOrCreate(phone, "A", T0, opened -> {
            // an older event arriving later still sorts by its time
            opened.contact().optIn(ConsentMethod.BSP, "gupshup-event", null, T0.plusSeconds(15));
            return Turn.saving(Changes.of(opened.contact()));
        });
        List<ConsentChange> history = contacts.history(phone);
        assertEquals(List.of(
                new ConsentChange(ConsentState.UNKNOWN, ConsentState.OPTED_IN, ConsentMethod.FLOW, "msg-1", "flow-in",
                        T0.plusSeconds(10)),
                new ConsentChange(ConsentState.OPTED_OUT, ConsentState.OPTED_IN, ConsentMethod.BSP, "gupshup-event",
                        null, T0.plusSeconds(15)),
                new ConsentChange(ConsentState.OPTED_IN, ConsentState.OPTED_OUT, ConsentMethod.FLOW, "msg-2",
                        "flow-out", T0.plusSeconds(20))), history);
        assertEquals(ConsentState.OPTED_IN, contacts.find(phone).orElseThrow().consent().state());
    }

    @Test
    void aRolledBackChangeIsWrittenByTheNextConversationThatMakesIt() {
        Phone phone = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(phone, "A", T0));
        assertThrows(IllegalStateException.class, () -> conversations.existing(phone, opened -> {
            opened.contact().optIn(ConsentMethod.API, "admin", null, T0.plusSeconds(1));
            Changes.of(opened.contact());
            throw new IllegalStateException("boom");
        }));
        assertTrue(contacts.history(phone).isEmpty());
        conversations.existing(phone, opened -> {
            opened.contact().optIn(ConsentMethod.API, "admin", null, T0.plusSeconds(1));
            return Turn.saving(Changes.of(opened.contact()));
        });
        assertEquals(1, contacts.history(phone).size());
    }

    @Test
    void aWriteThatFailsSurfacesFromTheCallAndNothingOfItStays() {
        Phone phone = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(phone, "A", T0));
        Contact stranger = Contact.newContact(Fixtures.phone(), "never stored", T0);
        stranger.optIn(ConsentMethod.API, "admin", null, T0);
        RuntimeException e = assertThrows(RuntimeException.class, () -> conversations.existing(phone, opened -> {
            opened.contact().rename("renamed");
            // a run of a contact that does not exist breaks its foreign key, at the save
            Changes changes = Changes.of(opened.contact()).withRuns(List.of(io.consentflow.domain.flow.run.Run.start(
                    java.util.UUID.randomUUID(), "5b3c1d2e-0000-4a6b-9c8d-111111111111", stranger.phone(), null, T0)));
            return Turn.saving(changes);
        }));
        assertTrue(e.getMessage().contains("23503"), e.getMessage());
        assertEquals("A", contacts.find(phone).orElseThrow().name());
    }

    @Test
    void consentHistoryRefusesUpdateDeleteAndTruncate() {
        Phone phone = Fixtures.phone();
        Contact c = Contact.newContact(phone, "A", T0);
        c.optIn(ConsentMethod.API, "admin", null, T0);
        Fixtures.save(conversations, c);
        for (String sql : List.of("UPDATE consent_history SET evidence = 'forged' WHERE phone = :p",
                "DELETE FROM consent_history WHERE phone = :p")) {
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> raw.useHandle(h -> h.createUpdate(sql).bind("p", phone.digits()).execute()));
            assertTrue(e.getMessage().contains("append-only"), e.getMessage());
        }
        assertThrows(RuntimeException.class, () -> raw.useHandle(h -> h.execute("TRUNCATE consent_history CASCADE")));
        assertEquals("admin", contacts.history(phone).get(0).evidence());
    }

    @Test
    void findOfAnUnknownPhoneIsEmpty() {
        assertFalse(contacts.find(Fixtures.phone()).isPresent());
        assertTrue(contacts.history(Fixtures.phone()).isEmpty());
    }

    @Test
    void lockWaitHelperSeesNoWaitersWhenNothingIsLocked() {
        assertEquals(0, db.lockWaiters());
        assertThrows(AssertionError.class, () -> db.awaitLockWaiters(1, Duration.ofMillis(50)));
    }
}
