package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox on PostgreSQL: per-contact order, leases, backoff, and no message claimed twice. */
class OutboxTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static final SendPolicy POLICY = new SendPolicy();
    private static Messages messages;
    private static Outbox outbox;
    private static Contacts contacts;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        messages = adapter.messages();
        outbox = adapter.outbox();
        contacts = adapter.contacts();
        conversations = adapter.conversations();
    }

    /** Far in the future so earlier tests' leftovers are not due before this test's own messages. */
    private static Instant now(int test) {
        return Instant.parse("2030-01-01T00:00:00Z").plus(Duration.ofDays(test));
    }

    /** A message to a contact who may receive it: opted in, wrote to us at {@code at}. */
    private static OutboundMessage queued(Phone phone, String text, MessageStatus status, Instant at) {
        conversations.lockOrCreate(phone, "Asha", at, opened -> {
            Contact c = opened.contact();
            c.receivedInbound(at, null);
            c.optIn(ConsentMethod.API, "test", null, at);
            return Conversations.Turn.saving(Changes.of(c));
        });
        return new OutboundMessage(UUID.randomUUID(), phone, MessageType.TEXT, text, new OutboundContent.Text(text, List.of()), status, null, null, false, at, null, null, null, null);
    }

    /** The claim as the dispatcher makes it, with the domain's send-time rule; the messages leased. */
    private static List<Outbox.Claimed> claim(Instant now, int limit) {
        return outbox.claim(now, LEASE, limit, queued -> POLICY.decideAtSend(queued, now)).leased();
    }

    private static List<OutboundMessage> claimAll(Instant now) {
        return claim(now, 1000).stream().map(Outbox.Claimed::message).toList();
    }

    /** A new contact's message queued and claimed, alone: whatever else was due at {@code now} is drained first. */
    private static OutboundMessage queueAndClaimOne(Instant now, String text) {
        drain(now);
        OutboundMessage m = queued(Fixtures.phone(), text, MessageStatus.QUEUED, now);
        Fixtures.addOutbound(conversations, List.of(m));
        assertEquals(Set.of(m.id()), ids(claimAll(now)));
        return m;
    }

    private static void drain(Instant now) {
        for (OutboundMessage m : claimAll(now)) outbox.record(List.of(new Outbox.Accepted(m.id(), "test", "drained-" + m.id(), now)));
    }

    @Test
    void eachContactsOldestGoesFirstAndTheNextOnlyAfterIt() {
        Instant now = now(1);
        drain(now);
        Phone a = Fixtures.phone();
        Phone b = Fixtures.phone();
        OutboundMessage a1 = queued(a, "a1", MessageStatus.QUEUED, now);
        OutboundMessage a2 = queued(a, "a2", MessageStatus.QUEUED, now);
        OutboundMessage b1 = queued(b, "b1", MessageStatus.QUEUED, now);
        OutboundMessage refused = queued(b, "never", MessageStatus.REFUSED, now);
        Fixtures.addOutbound(conversations, List.of(a1, a2, b1, refused));

        List<OutboundMessage> first = claimAll(now);
        assertEquals(Set.of(a1.id(), b1.id()), ids(first), "one per contact, its oldest; refused never");
        assertTrue(claimAll(now).isEmpty(), "leased messages and the ones queued behind them wait");

        outbox.record(List.of(new Outbox.Accepted(a1.id(), "gupshup", "gs-a1", now)));
        assertEquals(Set.of(a2.id()), ids(claimAll(now)));
        OutboundMessage stored = Fixtures.outbound(messages, a1.id());
        assertEquals(MessageStatus.ENQUEUED, stored.status());
        assertEquals("gs-a1", stored.providerId());
        assertEquals("gupshup", stored.provider());
        assertEquals(a1.id(), messages.findByProviderId("gupshup", "gs-a1", null).orElseThrow().id());
        assertEquals(a1.id(), messages.findByProviderId("gupshup", "wa-other", "gs-a1").orElseThrow().id());
    }

    @Test
    void aLeaseThatRunsOutMakesTheMessageClaimableAgain() {
        Instant now = now(2);
        OutboundMessage m = queueAndClaimOne(now, "crash");
        assertTrue(claimAll(now.plus(LEASE).minusSeconds(1)).isEmpty());
        assertEquals(Set.of(m.id()), ids(claimAll(now.plus(LEASE))), "the instance that claimed it died");
    }

    @Test
    void retriesWaitForTheirBackoffAndCountAttempts() {
        Instant now = now(3);
        OutboundMessage m = queueAndClaimOne(now, "flaky");
        outbox.record(List.of(new Outbox.RetryLater(m.id(), now.plusSeconds(10), "503")));
        assertTrue(claimAll(now.plusSeconds(9)).isEmpty());
        List<Outbox.Claimed> again = claim(now.plusSeconds(10), 10);
        assertEquals(1, again.size());
        assertEquals(1, again.get(0).attempts());
        outbox.record(List.of(new Outbox.Failed(m.id(), "400 bad request", now.plusSeconds(11))));
        OutboundMessage failed = Fixtures.outbound(messages, m.id());
        assertEquals(MessageStatus.FAILED, failed.status());
        assertEquals("400 bad request", Fixtures.reason(failed));
        assertTrue(claimAll(now.plusSeconds(60)).isEmpty());
    }

    @Test
    void aReleasedMessageIsClaimableAtOnceWithNoAttemptCounted() {
        Instant now = now(6);
        OutboundMessage m = queueAndClaimOne(now, "too late in its batch");
        outbox.record(List.of(new Outbox.Released(m.id())));
        List<Outbox.Claimed> again = claim(now, 10);
        assertEquals(List.of(m.id()), again.stream().map(c -> c.message().id()).toList());
        assertEquals(0, again.get(0).attempts());
        assertEquals(MessageStatus.QUEUED, Fixtures.outbound(messages, m.id()).status());
        outbox.record(List.of(new Outbox.Accepted(m.id(), "test", "sent-later", now)));
    }

    @Test
    void concurrentClaimersNeverGetTheSameMessage() throws Exception {
        Instant now = now(4);
        drain(now);
        for (int i = 0; i < 200; i++) {
            Fixtures.addOutbound(conversations, List.of(queued(Fixtures.phone(), "m" + i, MessageStatus.QUEUED, now)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<List<OutboundMessage>>> claims = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) claims.add(pool.submit(() -> claim(now, 40).stream()
                .map(Outbox.Claimed::message).toList()));
        Set<UUID> seen = new HashSet<>();
        int total = 0;
        for (Future<List<OutboundMessage>> f : claims) {
            for (OutboundMessage m : f.get()) {
                assertTrue(seen.add(m.id()), "claimed twice: " + m.id());
                total++;
            }
        }
        pool.shutdown();
        assertEquals(200, total);
        assertEquals(200, outbox.depth());
        drain(now.plus(LEASE));
        assertEquals(0, outbox.depth());
    }

    private static Set<UUID> ids(List<OutboundMessage> ms) {
        Set<UUID> out = new HashSet<>();
        ms.forEach(m -> out.add(m.id()));
        return out;
    }

    /** A batch's outcomes of every kind go in one call; each message gets its own. */
    @Test
    void aBatchOfMixedOutcomesIsRecordedTogether() {
        Instant now = now(5);
        drain(now);
        OutboundMessage sent = queued(Fixtures.phone(), "sent", MessageStatus.QUEUED, now);
        OutboundMessage later = queued(Fixtures.phone(), "later", MessageStatus.QUEUED, now);
        OutboundMessage refused = queued(Fixtures.phone(), "refused", MessageStatus.QUEUED, now);
        OutboundMessage alsoSent = queued(Fixtures.phone(), "also sent", MessageStatus.QUEUED, now);
        OutboundMessage released = queued(Fixtures.phone(), "released", MessageStatus.QUEUED, now);
        Fixtures.addOutbound(conversations, List.of(sent, later, refused, alsoSent, released));
        assertEquals(Set.of(sent.id(), later.id(), refused.id(), alsoSent.id(), released.id()), ids(claimAll(now)));
        outbox.record(List.of(new Outbox.Accepted(sent.id(), "meta", "wamid.1", now),
                new Outbox.RetryLater(later.id(), now.plusSeconds(5), "429"),
                new Outbox.Failed(refused.id(), "131026 undeliverable", now),
                new Outbox.Released(released.id()),
                new Outbox.Accepted(alsoSent.id(), "gupshup", "gs-2", now)));

        OutboundMessage s = Fixtures.outbound(messages, sent.id());
        assertEquals(MessageStatus.ENQUEUED, s.status());
        assertEquals("wamid.1", s.providerId());
        assertEquals("meta", s.provider());
        OutboundMessage s2 = Fixtures.outbound(messages, alsoSent.id());
        assertEquals("gs-2", s2.providerId(), "each row gets its own provider id");
        assertEquals("gupshup", s2.provider());
        OutboundMessage f = Fixtures.outbound(messages, refused.id());
        assertEquals(MessageStatus.FAILED, f.status());
        assertEquals("131026 undeliverable", Fixtures.reason(f));
        assertEquals(MessageStatus.QUEUED, Fixtures.outbound(messages, later.id()).status());
        assertEquals(Set.of(released.id()), ids(claimAll(now)), "released: claimable at once");
        assertTrue(claimAll(now.plusSeconds(4)).isEmpty(), "the retry waits for its backoff");
        List<Outbox.Claimed> retried = claim(now.plusSeconds(5), 10);
        assertEquals(List.of(later.id()), retried.stream().map(c -> c.message().id()).toList());
        assertEquals(1, retried.get(0).attempts());
        outbox.record(List.of(new Outbox.Accepted(later.id(), "meta", "wamid.3", now),
                new Outbox.Accepted(released.id(), "meta", "wamid.4", now)));
    }
}
