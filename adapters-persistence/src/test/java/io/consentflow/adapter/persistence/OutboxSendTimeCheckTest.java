package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.Runs;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.consent.ConsentRequest;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.consent.ConsentTopic;
import io.consentflow.domain.template.TemplateCategory;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send policy applied again when the outbox claims a message, on PostgreSQL: what changed while a message waited
 * (an opt-out, a block, the window closing, the opt-in flow's run cut short) refuses it in the claiming transaction,
 * and a claim and a consent change of the same contact serialise on the contact's row.
 */
class OutboxSendTimeCheckTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final SendPolicy POLICY = new SendPolicy();
    private static final String OPTIN_FLOW = "0a2b7c3d-0000-4000-8000-000000000001";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static Messages messages;
    private static Outbox outbox;
    private static Contacts contacts;
    private static Runs runs;
    private static Conversations conversations;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        messages = adapter.messages();
        outbox = adapter.outbox();
        contacts = adapter.contacts();
        runs = adapter.runs();
        conversations = adapter.conversations();
    }

    /** Far apart per test, so one test's messages are never due in another's claim. */
    private static Instant now(int test) {
        return Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(10L * test));
    }

    /** The claim as the dispatcher makes it, with the domain's rule for the moment a message leaves. */
    private static Outbox.Batch claim(Instant now) {
        return outbox.claim(now, LEASE, 1000, queued -> POLICY.decideAtSend(queued, now));
    }

    /** A contact who wrote at {@code at} and opted in then. */
    private static Phone optedIn(Instant at) {
        Phone phone = Fixtures.phone();
        change(phone, at, c -> {
            c.receivedInbound(at, null);
            c.optIn(ConsentMethod.API, "test", null, at);
        });
        return phone;
    }

    /** One committed change of the contact, as the use cases make it: lock, change, save. */
    private static void change(Phone phone, Instant at, Consumer<Contact> change) {
        conversations.lockOrCreate(phone, "Asha", at, opened -> {
            change.accept(opened.contact());
            return Conversations.Turn.saving(Changes.of(opened.contact()));
        });
    }

    private static OutboundMessage queue(Phone phone, OutboundContent content, Instant at, UUID runId, boolean optinAsk) {
        OutboundMessage m = new OutboundMessage(UUID.randomUUID(), phone, content.template() ? MessageType.TEMPLATE : MessageType.TEXT, "hello", content, MessageStatus.QUEUED, optinAsk ? OPTIN_FLOW : null, runId, optinAsk, at, null, null, null, null);
        Fixtures.addOutbound(conversations, List.of(m));
        return m;
    }

    private static OutboundMessage queueText(Phone phone, Instant at) {
        return queue(phone, new OutboundContent.Text("hello", List.of()), at, null, false);
    }

    private static void assertRefused(OutboundMessage m, RefusalReason reason, Outbox.Batch batch) {
        assertTrue(batch.leased().stream().noneMatch(c -> c.message().id().equals(m.id())), "never leased");
        assertEquals(List.of(reason), batch.refused().stream().filter(r -> r.message().id().equals(m.id()))
                .map(Outbox.Refused::reason).toList());
        OutboundMessage stored = Fixtures.outbound(messages, m.id());
        assertEquals(MessageStatus.REFUSED, stored.status());
        assertEquals(reason.code(), Fixtures.reason(stored));
    }

    /**
     * The ids of {@code ofThisTest} that {@code batch} leased (other tests' leftovers in this shared database may be
     * due too).
     */
    private static List<UUID> leasedIds(Outbox.Batch batch, OutboundMessage... ofThisTest) {
        List<UUID> mine = java.util.Arrays.stream(ofThisTest).map(OutboundMessage::id).toList();
        return batch.leased().stream().map(c -> c.message().id()).filter(mine::contains).toList();
    }

    private static void delivered(Instant at, OutboundMessage... ms) {
        for (OutboundMessage m : ms) outbox.record(List.of(new Outbox.Accepted(m.id(), "test", "p-" + m.id(), at)));
    }

    @Test
    void aContactWhoOptedOutAfterTheMessageWasQueuedGetsNothing() {
        Instant now = now(1);
        Phone phone = optedIn(now);
        OutboundMessage m = queueText(phone, now);
        change(phone, now.plusSeconds(1), c -> c.optOut(ConsentMethod.API, "admin", null, now.plusSeconds(1)));

        Outbox.Batch batch = claim(now.plusSeconds(2));
        assertRefused(m, RefusalReason.CONTACT_OPTED_OUT, batch);
        assertEquals(0, claim(now.plus(LEASE).plusSeconds(5)).size(), "refused is final: never claimed again");
    }

    @Test
    void aContactBlockedMeanwhileGetsNothing() {
        Instant now = now(2);
        Phone phone = optedIn(now);
        OutboundMessage m = queueText(phone, now);
        change(phone, now, Contact::block);
        assertRefused(m, RefusalReason.CONTACT_BLOCKED, claim(now.plusSeconds(1)));
    }

    @Test
    void aFreeFormMessageWhoseWindowClosedWhileItWaitedIsRefusedATemplateToAnOptedInContactStillGoes() {
        Instant now = now(3);
        Phone phone = optedIn(now);
        OutboundMessage text = queueText(phone, now);
        Phone other = optedIn(now);
        OutboundMessage template = queue(other, new OutboundContent.Template("reminder", "en", List.of()), now, null, false);
        Instant dayLater = now.plus(Duration.ofHours(24));

        Outbox.Batch batch = claim(dayLater);
        assertRefused(text, RefusalReason.SESSION_WINDOW_CLOSED, batch);
        assertEquals(List.of(template.id()), leasedIds(batch, text, template));
        delivered(dayLater, template);
    }

    @Test
    void aRetriedMessageIsCheckedAgainAtItsNextClaim() {
        Instant now = now(4);
        Phone phone = optedIn(now);
        OutboundMessage m = queueText(phone, now);
        assertEquals(List.of(m.id()), leasedIds(claim(now), m));
        outbox.record(List.of(new Outbox.RetryLater(m.id(), now.plusSeconds(10), "500")));
        change(phone, now.plusSeconds(3), c -> c.optOut(ConsentMethod.BSP, "user-event", null, now.plusSeconds(3)));

        assertRefused(m, RefusalReason.CONTACT_OPTED_OUT, claim(now.plusSeconds(10)));
    }

    @Test
    void theOptinFlowsAskGoesOnlyWhileItsRunIsNotCutShort() {
        Instant now = now(5);
        Instant optedOutAt = now.minusSeconds(3600);
        // three opted-out contacts who typed the opt-in keyword: the flow asks each of them
        OutboundMessage[] asks = new OutboundMessage[3];
        Run[] runsOf = new Run[3];
        for (int i = 0; i < 3; i++) {
            Phone phone = Fixtures.phone();
            change(phone, now, c -> {
                c.optOut(ConsentMethod.FLOW, "stop", null, optedOutAt);
                c.receivedInbound(now, null);
            });
            runsOf[i] = Run.start(UUID.randomUUID(), OPTIN_FLOW, phone, null, now);
            conversations.save(Changes.none().withRuns(List.of(runsOf[i])));
            asks[i] = queue(phone, new OutboundContent.Text("May we message you?", List.of("👍", "👎")), now,
                    runsOf[i].id(), true);
        }
        // the first run still waits; the second completed (its goodbye still goes); the third was interrupted
        runsOf[1].end(RunStatus.COMPLETED, null, now);
        runsOf[2].end(RunStatus.INTERRUPTED, new EndReason.Recorded("stop"), now);
        conversations.save(Changes.none().withRuns(List.of(runsOf[1], runsOf[2])));

        Outbox.Batch batch = claim(now.plusSeconds(1));
        assertEquals(List.of(asks[0].id(), asks[1].id()), leasedIds(batch, asks));
        assertRefused(asks[2], RefusalReason.CONTACT_OPTED_OUT, batch);
        OutboundMessage stored = Fixtures.outbound(messages, asks[0].id());
        assertEquals(runsOf[0].id(), stored.runId());
        assertTrue(stored.optinAsk());
        delivered(now, asks[0], asks[1]);
    }

    /**
     * A consent change holding the contact's row: the claim does not wait for it and does not judge the message on
     * what is about to change; it leaves that contact for a later claim. Once the opt-out commits, it is refused.
     */
    @Test
    void aClaimSkipsAContactWhoseConsentIsChangingAndRefusesOnceTheOptOutCommits() throws Exception {
        Instant now = now(6);
        Phone phone = optedIn(now);
        OutboundMessage m = queueText(phone, now);
        Phone bystander = optedIn(now);
        OutboundMessage other = queueText(bystander, now);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> optOut = pool.submit(() -> change(phone, now.plusSeconds(1), c -> {
                c.optOut(ConsentMethod.API, "admin", null, now.plusSeconds(1));
                locked.countDown();
                LockRace.await(commit);
            }));
            assertTrue(locked.await(LockRace.WAIT.toSeconds(), TimeUnit.SECONDS));

            Outbox.Batch during = claim(now.plusSeconds(1));
            assertEquals(List.of(other.id()), leasedIds(during, m, other), "only the contact nobody is changing");
            assertTrue(during.refused().stream().noneMatch(r -> r.message().id().equals(m.id())));
            OutboundMessage waiting = Fixtures.outbound(messages, m.id());
            assertEquals(MessageStatus.QUEUED, waiting.status(), "left in the queue, not leased");

            commit.countDown();
            optOut.get(LockRace.WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Outbox.Batch after = claim(now.plusSeconds(2));
        assertRefused(m, RefusalReason.CONTACT_OPTED_OUT, after);
        delivered(now, other);
    }

    /**
     * The other order: a claim that has read and locked the contact makes the opt-out wait for its commit (seen
     * waiting on a lock in PostgreSQL). The message was claimed before the opt-out, so it goes: the two serialise.
     */
    @Test
    void anOptOutWaitsForAClaimThatHoldsTheContact() throws Exception {
        Instant now = now(7);
        Phone phone = optedIn(now);
        OutboundMessage m = queueText(phone, now);
        Outbox.Batch[] claimed = new Outbox.Batch[1];
        LockRace.secondWaitsForFirst(db,
                hold -> claimed[0] = outbox.claim(now, LEASE, 1000, queued -> {
                    hold.run();   // the claim is inside its transaction, the contact's row locked
                    return POLICY.decideAtSend(queued, now);
                }),
                () -> {
                    change(phone, now.plusSeconds(1), c -> c.optOut(ConsentMethod.API, "admin", null,
                            now.plusSeconds(1)));
                    return null;
                });
        assertEquals(List.of(m.id()), leasedIds(claimed[0], m));
        assertTrue(contacts.find(phone).orElseThrow().consent().optedOut());
        assertNull(Fixtures.reason(Fixtures.outbound(messages, m.id())));
        delivered(now, m);
    }

    @Test
    void aMarketingStopRecordedWhileAMarketingTemplateWaitedRefusesItAUtilityTemplateStillGoes() {
        Instant now = now(40);
        Phone phone = optedIn(now);
        OutboundMessage marketing = queue(phone, new OutboundContent.Template("offer", "en", List.of(), null,
                TemplateCategory.MARKETING, "gs-offer"), now, null, false);
        OutboundMessage utility = queue(optedIn(now), new OutboundContent.Template("reminder", "en", List.of(), null,
                TemplateCategory.UTILITY, "gs-reminder"), now, null, false);
        change(phone, now.plusSeconds(1), c -> c.changeMarketingConsent(new ConsentRequest(ConsentState.OPTED_OUT,
                ConsentMethod.BSP, "meta:user_preferences:stop", null, now.plusSeconds(1))));

        Outbox.Batch batch = claim(now.plus(Duration.ofHours(30)));
        assertRefused(marketing, RefusalReason.MARKETING_OPTED_OUT, batch);
        assertEquals(List.of(utility.id()), leasedIds(batch, marketing, utility));
        delivered(now.plus(Duration.ofHours(30)), utility);
        Contact stored = contacts.find(phone).orElseThrow();
        assertEquals(ConsentState.OPTED_OUT, stored.marketingConsent().state());
        assertTrue(stored.consent().optedIn(), "the marketing switch is not consent");
        assertEquals(List.of(ConsentTopic.ALL, ConsentTopic.MARKETING),
                contacts.history(phone).stream().map(ConsentChange::topic).toList());
    }
}
