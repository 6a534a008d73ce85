package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.ReceivedMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static io.consentflow.adapter.persistence.Fixtures.inbound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A conversation opened and saved against PostgreSQL: lock or create, dedupe and the unfinished runs in the first
 * round trip, the writes with the commit in the second.
 */
class ConversationsTest {
    private static final String FLOW = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Conversations conversations;
    private static Contacts contacts;
    private static Messages messages;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        conversations = adapter.conversations();
        contacts = adapter.contacts();
        messages = adapter.messages();
    }

    /** What opening the conversation of an inbound message gave: the contact and runs; empty for a duplicate. */
    private static Optional<Conversation> admit(ReceivedMessage inbound, String senderName) {
        return conversations.inbound(inbound, senderName, T0, c -> new Turn<>(Changes.none(), c));
    }

    @Test
    void aNewContactIsCreatedAndItsMessageRecorded() {
        Phone phone = Fixtures.phone();
        ReceivedMessage in = inbound(phone, "new-" + UUID.randomUUID());
        Optional<Conversation> a = admit(in, "Asha");
        assertFalse(a.isEmpty());
        assertEquals("Asha", a.get().contact().name());
        assertEquals(phone, a.get().contact().phone());
        assertEquals("Asha", contacts.find(phone).orElseThrow().name());
        assertEquals(List.of(in.id()), messages.ofContact(phone).stream().map(Message::id).toList());
    }

    /**
     * The losing creator of a new contact must not hold the provider id before the contact's lock. Here the loser
     * and a third transaction both wait for the winner's new contact; once it commits the third takes the contact
     * (an upsert locks the row the loser's lock statement could not see) and records the same delivery. With the id
     * taken before the lock, the third's insert waited for the loser while the loser waited for the contact: a
     * deadlock (the lock timeout below shows it before the deadlock detector would).
     */
    @Test
    void theLoserOfANewContactsCreationTakesTheLockBeforeTheProviderId() throws Exception {
        Phone phone = Fixtures.phone();
        String p = "'" + phone.digits() + "'";
        String providerId = "raced-" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Connection winner = db.dataSource().getConnection();
             Connection third = db.dataSource().getConnection()) {
            winner.setAutoCommit(false);
            third.setAutoCommit(false);
            String insertContact = "INSERT INTO contacts (phone, language, status, consent_status, created_at) "
                    + "VALUES (" + p + ", 'eng', 'valid', 'unknown', now())";
            try (Statement st = winner.createStatement()) {
                st.execute(insertContact);
            }
            Future<Optional<Conversation>> loser = pool.submit(() -> admit(inbound(phone, providerId), "Loser"));
            db.awaitLockWaiters(1, LockRace.WAIT);
            Future<?> thirdLocks = pool.submit(() -> {
                try (Statement st = third.createStatement()) {
                    st.execute(insertContact + " ON CONFLICT (phone) DO UPDATE SET phone = excluded.phone");
                }
                return null;
            });
            db.awaitLockWaiters(2, LockRace.WAIT);
            winner.commit();
            thirdLocks.get(20, TimeUnit.SECONDS);
            // the loser ends up behind the third's contact lock (or, had it taken the contact first, done)
            long deadline = System.nanoTime() + LockRace.WAIT.toNanos();
            while (!loser.isDone() && db.lockWaiters() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            if (!loser.isDone()) {
                try (Statement st = third.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = '500ms'");
                    st.execute("INSERT INTO messages (id, phone, direction, type, status, provider, provider_id, at) "
                            + "VALUES (gen_random_uuid(), " + p + ", 'inbound', 'text', 'received', 'gupshup', '"
                            + providerId + "', now()) ON CONFLICT DO NOTHING");
                }
            }
            third.commit();
            loser.get(20, TimeUnit.SECONDS);
            assertEquals(1, messages.ofContact(phone).size(), "the delivery stored once");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aKnownContactIsReadAsStoredAndARedeliveryWritesNothing() {
        Phone phone = Fixtures.phone();
        Contact stored = Contact.newContact(phone, "Stored", T0.minusSeconds(60));
        stored.setField("district", "Pune");
        Fixtures.save(conversations, stored);
        String providerId = "again-" + UUID.randomUUID();
        Optional<Conversation> first = admit(inbound(phone, providerId), "Other name");
        assertFalse(first.isEmpty());
        assertEquals("Stored", first.get().contact().name());
        assertEquals("Pune", first.get().contact().fields().get("district"));

        Optional<Conversation> retry = admit(inbound(phone, providerId), "Other name");
        assertTrue(retry.isEmpty());
        assertEquals(1, messages.ofContact(phone).size());
    }

    @Test
    void whatTheWorkProducedIsSavedAndAFailingWorkRollsEverythingBack() {
        Phone phone = Fixtures.phone();
        Run started = Run.start(UUID.randomUUID(), FLOW, phone, null, T0);
        conversations.inbound(inbound(phone, "saved-" + UUID.randomUUID()), "Asha", T0, c -> {
            c.contact().setField("district", "Pune");
            return Turn.saving(Changes.of(c.contact()).withRuns(List.of(started)));
        });
        assertEquals("Pune", contacts.find(phone).orElseThrow().fields().get("district"));
        assertEquals(List.of(started.id()), conversations.existing(phone,
                c -> new Turn<>(Changes.none(), c.unfinishedRuns().stream().map(Run::id).toList())).orElseThrow());

        Phone gone = Fixtures.phone();
        assertThrows(IllegalStateException.class, () -> conversations.inbound(
                inbound(gone, "rolled-" + UUID.randomUUID()), "Asha", T0, c -> {
                    throw new IllegalStateException("the flow failed");
                }));
        assertFalse(contacts.find(gone).isPresent());
        assertTrue(messages.ofContact(gone).isEmpty());
    }

    @Test
    void aDuplicateIsNotWorkedOnAndCreatesNoContact() {
        Phone phone = Fixtures.phone();
        String providerId = "plain-" + UUID.randomUUID();
        assertFalse(admit(inbound(phone, providerId), "Asha").isEmpty());
        Phone other = Fixtures.phone();
        ReceivedMessage sameIdFromAnotherPhone = inbound(other, providerId);
        assertTrue(conversations.inbound(sameIdFromAnotherPhone, "Asha", T0, c -> {
            throw new AssertionError("a duplicate is not worked on");
        }).isEmpty());
        assertFalse(contacts.find(other).isPresent());
    }

    @Test
    void anExistingConversationNeedsItsContact() {
        Phone phone = Fixtures.phone();
        assertTrue(conversations.existing(phone, c -> {
            throw new AssertionError("no contact, no work");
        }).isEmpty());
        assertFalse(contacts.find(phone).isPresent());
    }

    @Test
    void aSecondMessageOfAKnownContactWaitsAndThenReadsTheFirstOnesRun() throws Exception {
        Phone phone = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(phone, "known", T0));
        assertSecondWaitsAndSeesTheRun(phone);
    }

    /**
     * Two first messages of a new contact at once: the second's lock statement waits for the first's insert and
     * then finds the contact committed meanwhile; it locks it with a second statement and must not keep the runs it
     * read before holding the lock.
     */
    @Test
    void twoFirstMessagesOfANewContactAreSerialisedAndTheSecondSeesTheFirstOnesRun() throws Exception {
        assertSecondWaitsAndSeesTheRun(Fixtures.phone());
    }

    private void assertSecondWaitsAndSeesTheRun(Phone phone) throws Exception {
        Run started = Run.start(UUID.randomUUID(), FLOW, phone, null, T0);
        Optional<Conversation> seen = LockRace.secondWaitsForFirst(db, hold -> conversations.inbound(
                inbound(phone, "first-" + UUID.randomUUID()), "first", T0, c -> {
                    assertTrue(c.unfinishedRuns().isEmpty());
                    hold.run();
                    c.contact().rename("renamed by first");
                    return Turn.saving(Changes.of(c.contact()).withRuns(List.of(started)));
                }), () -> admit(inbound(phone, "second-" + UUID.randomUUID()), "second"));
        assertFalse(seen.isEmpty());
        assertEquals("renamed by first", seen.get().contact().name());
        List<Run> unfinished = seen.get().unfinishedRuns();
        assertEquals(List.of(started.id()), unfinished.stream().map(Run::id).toList());
        assertEquals(2, messages.ofContact(phone).size());
    }
}
