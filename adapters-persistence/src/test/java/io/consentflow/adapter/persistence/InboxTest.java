package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Inbox;
import io.consentflow.application.port.out.Inbox.Admission;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
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

/** The inbound path's first round trip: lock or create, dedupe and read ahead, against PostgreSQL. */
class InboxTest {
    private static final String FLOW = "5b3c1d2e-0000-4a6b-9c8d-111111111111";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Inbox inbox;
    private static Contacts contacts;
    private static Messages messages;
    private static Runs runs;
    private static TransactionRunner tx;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        inbox = adapter.inbox();
        contacts = adapter.contacts();
        messages = adapter.messages();
        runs = adapter.runs();
        tx = adapter.transactions();
    }

    @Test
    void aNewContactIsCreatedAndItsMessageRecorded() {
        Phone phone = Fixtures.phone();
        Message in = inbound(phone, "new-" + UUID.randomUUID());
        Admission a = tx.inTransaction(() -> inbox.admit(in, "Asha", T0));
        assertFalse(a.duplicate());
        assertEquals("Asha", a.contact().name());
        assertEquals(phone, a.contact().phone());
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
            Future<Admission> loser = pool.submit(() -> tx.inTransaction(() ->
                    inbox.admit(inbound(phone, providerId), "Loser", T0)));
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
        contacts.save(stored);
        String providerId = "again-" + UUID.randomUUID();
        Admission first = tx.inTransaction(() -> inbox.admit(inbound(phone, providerId), "Other name", T0));
        assertFalse(first.duplicate());
        assertEquals("Stored", first.contact().name());
        assertEquals("Pune", first.contact().fields().get("district"));

        Admission retry = tx.inTransaction(() -> inbox.admit(inbound(phone, providerId), "Other name", T0));
        assertTrue(retry.duplicate());
        assertEquals(1, messages.ofContact(phone).size());
    }

    @Test
    void writesHeldBackEarlierInTheTransactionGoFirstAndRollBackWithIt() {
        Phone other = Fixtures.phone();
        Phone phone = Fixtures.phone();
        tx.run(() -> {
            contacts.save(Contact.newContact(other, "held back", T0));
            inbox.admit(inbound(phone, "held-" + UUID.randomUUID()), "Asha", T0);
        });
        assertEquals("held back", contacts.find(other).orElseThrow().name());

        Phone gone = Fixtures.phone();
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            inbox.admit(inbound(gone, "rolled-" + UUID.randomUUID()), "Asha", T0);
            throw new IllegalStateException("the flow failed");
        }));
        assertFalse(contacts.find(gone).isPresent());
        assertTrue(messages.ofContact(gone).isEmpty());
    }

    @Test
    void outsideATransactionItStillLocksAndDedupes() {
        Phone phone = Fixtures.phone();
        Message in = inbound(phone, "plain-" + UUID.randomUUID());
        assertFalse(inbox.admit(in, "Asha", T0).duplicate());
        assertTrue(inbox.admit(in, "Asha", T0).duplicate());
    }

    @Test
    void anOutboundMessageIsRefused() {
        Message in = inbound(Fixtures.phone(), "x");
        Message out = new Message(in.id(), in.phone(), Direction.OUTBOUND, in.type(), in.text(), null, "gupshup", "x",
                in.status(), null, null, in.at(), null, false);
        assertThrows(IllegalArgumentException.class, () -> tx.inTransaction(() -> inbox.admit(out, null, T0)));
    }

    @Test
    void aSecondMessageOfAKnownContactWaitsAndThenReadsTheFirstOnesRun() throws Exception {
        Phone phone = Fixtures.phone();
        contacts.save(Contact.newContact(phone, "known", T0));
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
        List<Object> seen = LockRace.secondWaitsForFirst(db, hold -> tx.run(() -> {
            Admission a = inbox.admit(inbound(phone, "first-" + UUID.randomUUID()), "first", T0);
            assertTrue(runs.unfinished(phone).isEmpty());
            hold.run();
            a.contact().rename("renamed by first");
            contacts.save(a.contact());
            runs.saveAll(List.of(started));
        }), () -> tx.inTransaction(() -> {
            Admission a = inbox.admit(inbound(phone, "second-" + UUID.randomUUID()), "second", T0);
            return List.of(a, runs.unfinished(phone));
        }));
        Admission a = (Admission) seen.get(0);
        assertFalse(a.duplicate());
        assertEquals("renamed by first", a.contact().name());
        @SuppressWarnings("unchecked")
        List<Run> unfinished = (List<Run>) seen.get(1);
        assertEquals(List.of(started.id()), unfinished.stream().map(Run::id).toList());
        assertEquals(2, messages.ofContact(phone).size());
    }
}
