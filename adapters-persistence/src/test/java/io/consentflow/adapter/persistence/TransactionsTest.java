package io.consentflow.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.StorageUnavailableException;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.policy.OrgSettings;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static io.consentflow.adapter.persistence.Fixtures.inbound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransactionsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static PersistenceAdapter adapter;
    private static Contacts contacts;
    private static Messages messages;
    private static TransactionRunner tx;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        adapter = new PersistenceAdapter(db.dataSource());
        contacts = adapter.contacts();
        messages = adapter.messages();
        tx = adapter.transactions();
        conversations = adapter.conversations();
    }

    @Test
    void aTransactionThatThrowsRollsEverythingBack() {
        Phone phone = Fixtures.phone();
        ReceivedMessage in = inbound(phone, "rollback-" + UUID.randomUUID());
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> conversations.inbound(in,
                "A", T0, c -> {
                    c.contact().setField("x", "y");
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertFalse(contacts.find(phone).isPresent());
        assertFalse(messages.find(in.id()).isPresent());
        // the dedupe key was rolled back too: the provider's retry is not a duplicate
        assertTrue(conversations.inbound(in, "A", T0, c -> new Turn<>(Changes.none(), true)).isPresent());
    }

    @Test
    void aNestedTransactionJoinsTheOuterOne() {
        OrgSettings before = adapter.settings().load();
        OrgSettings inner = new OrgSettings("inner-" + UUID.randomUUID(), null);
        assertThrows(IllegalStateException.class, () -> tx.run(() -> {
            tx.run(() -> adapter.settings().save(inner));
            assertEquals(inner, adapter.settings().load(), "visible inside the same transaction");
            throw new IllegalStateException("outer fails after the inner one returned");
        }));
        assertEquals(before, adapter.settings().load());
    }

    @Test
    void aConversationIsItsOwnTransaction() {
        Phone phone = Fixtures.phone();
        assertThrows(IllegalStateException.class, () -> tx.run(() -> Fixtures.lockOrCreate(conversations, phone,
                "inside", T0)));
        assertFalse(contacts.find(phone).isPresent());
    }

    @Test
    void twoTransactionsLockingTheSameExistingContactAreSerialised() throws Exception {
        Phone phone = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(phone, "before", T0));
        assertSecondWaitsForFirst(phone);
    }

    @Test
    void twoTransactionsCreatingTheSameNewContactAreSerialised() throws Exception {
        assertSecondWaitsForFirst(Fixtures.phone());
    }

    /**
     * The first transaction locks the contact and holds it; the second is seen waiting on a lock in PostgreSQL
     * itself (no sleeps), then sees what the first committed.
     */
    private void assertSecondWaitsForFirst(Phone phone) throws Exception {
        Contact seenBySecond = LockRace.secondWaitsForFirst(db, hold -> conversations.lockOrCreate(phone, "first", T0,
                opened -> {
                    hold.run();
                    opened.contact().rename("renamed by first");
                    return Turn.saving(Changes.of(opened.contact()));
                }), () -> Fixtures.lockOrCreate(conversations, phone, "second", T0.plusSeconds(1)));
        assertEquals("renamed by first", seenBySecond.name());
        assertEquals(T0, seenBySecond.createdAt());
    }

    /**
     * Each conversation holds its contact and then writes the other one (which no use case does, but a write
     * waits for a lock as any statement does): PostgreSQL aborts one of the two, which runs once more.
     */
    @Test
    void aDeadlockIsRetriedAndBothTransactionsSucceed() throws Exception {
        Phone a = Fixtures.phone();
        Phone b = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(a, "a", T0));
        Fixtures.save(conversations, Contact.newContact(b, "b", T0));
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger attempts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Phone[] order : List.of(new Phone[] {a, b}, new Phone[] {b, a})) {
                done.add(pool.submit(() -> conversations.existing(order[0], opened -> {
                    attempts.incrementAndGet();
                    bothHoldOne.countDown();
                    LockRace.await(bothHoldOne);   // already open on a retry
                    Contact other = Contact.newContact(order[1], null, T0);
                    other.setField("touched", "yes");
                    return Turn.saving(Changes.of(other));
                })));
            }
            for (Future<?> f : done) f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        // PostgreSQL aborts one of the two and it runs again; on a busy machine the retry can take its own contact
        // back before the winner wrote it and meet the winner once more, so "at least one retry", not "exactly one"
        assertTrue(attempts.get() >= 3, "PostgreSQL aborts one of the two; it runs again: " + attempts.get());
        assertEquals("yes", contacts.find(a).orElseThrow().fields().get("touched"));
        assertEquals("yes", contacts.find(b).orElseThrow().fields().get("touched"));
    }

    @Test
    void aSerializationFailureIsRetriedAtMostThreeTimes() {
        Jdbi other = Jdbi.create(db.dataSource());
        AtomicInteger attempts = new AtomicInteger();
        assertThrows(RuntimeException.class, () -> tx.run(() -> {
            attempts.incrementAndGet();
            other.useHandle(h -> h.execute("DO $$ BEGIN RAISE EXCEPTION 'conflict' USING ERRCODE = '40001'; END $$"));
        }));
        assertEquals(1 + JdbiTransactions.MAX_RETRIES, attempts.get());

        attempts.set(0);
        String result = tx.inTransaction(() -> {
            if (attempts.incrementAndGet() < 3) {
                other.useHandle(h -> h.execute("DO $$ BEGIN RAISE EXCEPTION 'x' USING ERRCODE = '40001'; END $$"));
            }
            return "done";
        });
        assertEquals("done", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void anUnreachableDatabaseIsStorageUnavailable() {
        PGSimpleDataSource nowhere = new PGSimpleDataSource();
        nowhere.setURL("jdbc:postgresql://127.0.0.1:1/none");
        nowhere.setConnectTimeout(2);
        PersistenceAdapter down = new PersistenceAdapter(nowhere);
        Phone phone = Fixtures.phone();
        assertThrows(StorageUnavailableException.class, () -> down.contacts().find(phone));
        assertThrows(StorageUnavailableException.class, () -> down.messages().ofContact(phone));
        assertThrows(StorageUnavailableException.class,
                () -> Fixtures.lockOrCreate(down.conversations(), phone, "x", T0));
        assertFalse(down.health().up());
    }

    @Test
    void aPoolThatTimesOutIsStorageUnavailable() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/none");
        config.setConnectionTimeout(250);
        config.setInitializationFailTimeout(-1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            PersistenceAdapter down = new PersistenceAdapter(pool);
            assertThrows(StorageUnavailableException.class, () -> down.flows().version());
            assertThrows(StorageUnavailableException.class, () -> down.transactions().inTransaction(() -> 1));
            assertFalse(down.health().up());
        }
    }

    @Test
    void healthIsUpOnAWorkingDatabase() {
        assertTrue(adapter.health().up());
    }
}
