package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Conversations.Turn;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunError;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.run.RunStatus;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.consentflow.adapter.persistence.Fixtures.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunsTest {
    private static final String PARENT_FLOW = "0c2a3b1e-7d4f-4b8a-9e61-2f5d8c9a1b30";
    private static final String CHILD_FLOW = "7e91d2c4-3a5b-4c6d-8e7f-9a0b1c2d3e4f";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Runs runs;
    private static Conversations conversations;
    private static TransactionRunner tx;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        runs = adapter.runs();
        conversations = adapter.conversations();
        tx = adapter.transactions();
    }

    /** withDueRuns looks at every contact: each test starts from a run table with nothing due. */
    @BeforeEach
    void endEveryRun() {
        Jdbi.create(db.dataSource()).useHandle(h -> h.execute(
                "UPDATE runs SET status = 'completed', timeout_at = NULL, expires_at = NULL "
                        + "WHERE status IN ('active', 'suspended')"));
    }

    private static Phone contact() {
        Phone phone = Fixtures.phone();
        Fixtures.save(conversations, Contact.newContact(phone, "A", T0));
        return phone;
    }

    private static void saveAll(List<Run> changed) {
        conversations.save(Changes.none().withRuns(changed));
    }

    /** The unfinished runs as a conversation of the contact opens them. */
    private static List<Run> unfinished(Phone phone) {
        return conversations.existing(phone, c -> new Turn<>(Changes.none(), c.unfinishedRuns())).orElseThrow();
    }

    private static void assertSameRun(Run expected, Run actual) {
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.flowUuid(), actual.flowUuid());
        assertEquals(expected.phone(), actual.phone());
        assertEquals(expected.parentId(), actual.parentId());
        assertEquals(expected.startedAt(), actual.startedAt());
        assertEquals(expected.status(), actual.status());
        assertEquals(expected.nodeUuid(), actual.nodeUuid());
        assertEquals(expected.results(), actual.results());
        assertEquals(expected.waitingSince(), actual.waitingSince());
        assertEquals(expected.timeoutAt(), actual.timeoutAt());
        assertEquals(expected.expiresAt(), actual.expiresAt());
        assertEquals(expected.endedAt(), actual.endedAt());
        assertEquals(expected.endReason(), actual.endReason());
        assertEquals(expected.updatedAt(), actual.updatedAt());
        assertEquals(expected.optinRecordedAt(), actual.optinRecordedAt());
        assertEquals(expected.errors(), actual.errors());
    }

    @Test
    void unfinishedRunsComeChildFirstAndRoundTripEveryField() {
        Phone phone = contact();
        Run grandParent = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, null, T0);
        Run parent = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, grandParent.id(), T0.plusSeconds(1));
        Run child = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, parent.id(), T0.plusSeconds(2));
        Run old = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, null, T0.minusSeconds(60));
        old.end(RunStatus.COMPLETED, null, T0.minusSeconds(30));
        grandParent.saveResult(new RunResult("Age Group", "19", "Adult", "19 years", "node-1", T0));
        grandParent.suspendFor("node-2", T0.plusSeconds(1), T0.plus(Duration.ofDays(7)));
        parent.suspendFor("node-3", T0.plusSeconds(2), T0.plus(Duration.ofDays(7)));
        child.optinRecorded(T0.plusSeconds(3));
        child.recordError(new RunError(RunError.EMPTY_MESSAGE, "a text message rendered empty: not sent", "node-4",
                T0.plusSeconds(3)));
        child.waitAt("node-4", T0.plusSeconds(3), T0.plusSeconds(303), T0.plus(Duration.ofDays(7)));

        // the engine may list them in any order
        saveAll(List.of(child, old, grandParent, parent));
        List<Run> unfinished = unfinished(phone);
        assertEquals(List.of(child.id(), parent.id(), grandParent.id()), unfinished.stream().map(Run::id).toList());
        assertSameRun(child, unfinished.get(0));
        assertSameRun(parent, unfinished.get(1));
        assertSameRun(grandParent, unfinished.get(2));
        assertEquals("19", unfinished.get(2).results().get("age_group").value());
    }

    @Test
    void interruptingTheRunsOfAFlowEndsTheirWholeChainsAndNothingElse() {
        Phone a = contact();
        Phone b = contact();
        Phone c = contact();
        // a: parent flow suspended, child flow waiting; b: the flow's own run waits; c: another flow only
        Run aParent = Run.start(UUID.randomUUID(), PARENT_FLOW, a, null, T0);
        aParent.suspendFor("n1", T0, T0.plus(Duration.ofDays(7)));
        Run aChild = Run.start(UUID.randomUUID(), CHILD_FLOW, a, aParent.id(), T0);
        aChild.waitAt("n2", T0, T0.plusSeconds(300), T0.plus(Duration.ofDays(7)));
        Run bRun = Run.start(UUID.randomUUID(), CHILD_FLOW, b, null, T0);
        bRun.waitAt("n2", T0, T0.plusSeconds(300), T0.plus(Duration.ofDays(7)));
        Run bOld = Run.start(UUID.randomUUID(), CHILD_FLOW, b, null, T0.minusSeconds(90));
        bOld.end(RunStatus.COMPLETED, null, T0.minusSeconds(60));
        Run cRun = Run.start(UUID.randomUUID(), PARENT_FLOW, c, null, T0);
        cRun.waitAt("n1", T0, T0.plusSeconds(300), T0.plus(Duration.ofDays(7)));
        saveAll(List.of(aParent, aChild, bRun, bOld, cRun));

        Instant off = T0.plusSeconds(60);
        assertEquals(3, tx.inTransaction(() -> runs.interruptRunsOf(CHILD_FLOW, "flow_deleted", off)));
        assertTrue(unfinished(a).isEmpty());
        assertTrue(unfinished(b).isEmpty());
        assertEquals(List.of(cRun.id()), unfinished(c).stream().map(Run::id).toList());
        List<String> ended = Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT status || ' ' || end_reason || ' ' || (ended_at = :off) || ' ' || (timeout_at IS NULL)"
                        + " FROM runs WHERE id IN (<ids>) ORDER BY id").bind("off", off)
                .bindList("ids", aParent.id(), aChild.id(), bRun.id()).mapTo(String.class).list());
        assertEquals(List.of("interrupted flow_deleted true true", "interrupted flow_deleted true true",
                "interrupted flow_deleted true true"), ended);
        assertTrue(runs.withDueRuns(T0.plus(Duration.ofDays(8)), 10).stream().noneMatch(p -> p.equals(a) || p.equals(b)),
                "nothing of theirs is due any more");
    }

    @Test
    void saveAllUpdatesExistingRunsAndHandsTheActiveSlotOverInOneBatch() {
        Phone phone = contact();
        Run first = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, null, T0);
        first.waitAt("node-1", T0, null, T0.plus(Duration.ofDays(7)));
        saveAll(List.of(first));

        // a keyword starts another flow: the new active run comes first in the list, the interrupted one after
        Run second = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, null, T0.plusSeconds(10));
        first.end(RunStatus.INTERRUPTED, new EndReason.Recorded("another flow started"), T0.plusSeconds(10));
        saveAll(List.of(second, first));
        assertEquals(List.of(second.id()), unfinished(phone).stream().map(Run::id).toList());

        second.saveResult(new RunResult("choice", "1", "One", "1", "node-9", T0.plusSeconds(20)));
        second.end(RunStatus.COMPLETED, null, T0.plusSeconds(20));
        saveAll(List.of(second));
        assertTrue(unfinished(phone).isEmpty());
        String stored = Jdbi.create(db.dataSource()).withHandle(h -> h.createQuery(
                "SELECT status || ' ' || (results -> 'choice' ->> 'category') FROM runs WHERE id = :id")
                .bind("id", second.id()).mapTo(String.class).one());
        assertEquals("completed One", stored);
    }

    @Test
    void aContactHasAtMostOneActiveRun() {
        Phone phone = contact();
        Run a = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, null, T0);
        saveAll(List.of(a));
        Run b = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, null, T0.plusSeconds(1));
        assertThrows(RuntimeException.class, () -> saveAll(List.of(b)));
        assertEquals(List.of(a.id()), unfinished(phone).stream().map(Run::id).toList());
    }

    @Test
    void everyRunStatusIsAcceptedByTheSchema() {
        Phone phone = contact();
        for (RunStatus status : RunStatus.values()) {
            Run r = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, null, T0);
            if (status == RunStatus.SUSPENDED) r.suspendFor("n", T0, null);
            if (status.ended()) r.end(status, new EndReason.Recorded("because"), T0);
            saveAll(List.of(r));
            if (status == RunStatus.ACTIVE) {
                r.end(RunStatus.COMPLETED, null, T0);
                saveAll(List.of(r));
            }
        }
        assertEquals(1, unfinished(phone).size(), "only the suspended one is left unfinished");
    }

    @Test
    void dueRunsAreTheUnfinishedOnesWhoseTimeoutOrExpiryPassed() {
        Instant now = T0.plus(Duration.ofHours(1));
        Phone timedOut = contact();
        Phone expired = contact();
        Phone notDue = contact();
        Phone ended = contact();
        Run a = Run.start(UUID.randomUUID(), PARENT_FLOW, timedOut, null, T0);
        a.waitAt("n", T0, now.minusSeconds(1), now.plus(Duration.ofDays(7)));
        Run b = Run.start(UUID.randomUUID(), PARENT_FLOW, expired, null, T0);
        b.waitAt("n", T0, null, now);
        Run c = Run.start(UUID.randomUUID(), PARENT_FLOW, notDue, null, T0);
        c.waitAt("n", T0, now.plusSeconds(1), now.plus(Duration.ofDays(7)));
        Run d = Run.start(UUID.randomUUID(), PARENT_FLOW, ended, null, T0);
        d.waitAt("n", T0, now.minusSeconds(100), now.minusSeconds(100));
        saveAll(List.of(a, b, c, d));
        d.end(RunStatus.COMPLETED, null, now.minusSeconds(50));
        saveAll(List.of(d));

        List<Phone> due = tx.inTransaction(() -> runs.withDueRuns(now, 10));
        // earliest due first: b's expiry (now) is later than a's timeout (now - 1 s)
        assertEquals(List.of(timedOut, expired), due);
        assertEquals(List.of(timedOut), tx.inTransaction(() -> runs.withDueRuns(now, 1)));
        assertEquals(List.of(), runs.withDueRuns(now, 0));
    }

    @Test
    void aSuspendedParentPastItsExpiryIsNotDueWhileItsChildWaits() {
        // a child that waits several times moves its own expiry on while its parent's stays: such contacts must
        // not fill the scheduler's batch, or nobody else's timeouts would ever fire
        Instant now = T0.plus(Duration.ofDays(8));
        Phone stuck = contact();
        Phone due = contact();
        Run parent = Run.start(UUID.randomUUID(), PARENT_FLOW, stuck, null, T0);
        parent.suspendFor("enter", T0, T0.plus(Duration.ofDays(7)));
        Run child = Run.start(UUID.randomUUID(), CHILD_FLOW, stuck, parent.id(), T0);
        child.waitAt("ask", now.minusSeconds(60), null, now.plus(Duration.ofDays(7)));
        Run other = Run.start(UUID.randomUUID(), PARENT_FLOW, due, null, T0);
        other.waitAt("n", T0, now.minusSeconds(1), now.plus(Duration.ofDays(7)));
        saveAll(List.of(parent, child, other));

        assertEquals(List.of(due), tx.inTransaction(() -> runs.withDueRuns(now, 1)),
                "the contact whose child still waits is not due, so the batch of one holds the one that is");
        assertEquals(List.of(due), tx.inTransaction(() -> runs.withDueRuns(now, 10)));
    }

    @Test
    void twoSchedulersPickDifferentContacts() throws Exception {
        Instant now = T0.plus(Duration.ofHours(1));
        Phone one = contact();
        Phone two = contact();
        for (Phone p : List.of(one, two)) {
            Run r = Run.start(UUID.randomUUID(), PARENT_FLOW, p, null, T0);
            r.waitAt("n", T0, now.minusSeconds(5), null);
            saveAll(List.of(r));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch firstPicked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<List<Phone>> first = pool.submit(() -> tx.inTransaction(() -> {
                List<Phone> picked = runs.withDueRuns(now, 1);
                firstPicked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return picked;
            }));
            assertTrue(firstPicked.await(20, TimeUnit.SECONDS));
            // SKIP LOCKED never waits: this returns while the first transaction still holds its contact
            List<Phone> second = tx.inTransaction(() -> runs.withDueRuns(now, 10));
            release.countDown();
            List<Phone> firstPhones = first.get(20, TimeUnit.SECONDS);
            assertEquals(1, firstPhones.size());
            assertEquals(1, second.size());
            assertNotEquals(firstPhones.get(0), second.get(0));
            assertEquals(Set.of(one, two), Set.of(firstPhones.get(0), second.get(0)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void childFirstOrderingToleratesRunsOutsideTheChain() {
        Phone phone = Fixtures.phone();
        Run parent = Run.start(UUID.randomUUID(), PARENT_FLOW, phone, null, T0);
        parent.suspendFor("n", T0, null);
        Run child = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, parent.id(), T0);
        Run stray = Run.start(UUID.randomUUID(), CHILD_FLOW, phone, UUID.randomUUID(), T0);
        stray.suspendFor("n", T0, null);
        assertEquals(List.of(child, parent, stray), JdbiConversations.childFirst(List.of(stray, parent, child)));
        assertEquals(List.of(), JdbiConversations.childFirst(List.of()));
    }
}
