package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastMessages;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.broadcast.BroadcastTally;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broadcasts on PostgreSQL: recipients fixed by one statement, a claim that judges each recipient as its contact
 * stands (skipping one whose row a consent change holds), outcomes written only for the claim they belong to, counts
 * that follow status callbacks, leases that run out.
 */
class BroadcastsTest {
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    static final SendPolicy POLICY = new SendPolicy();
    static final Instant NOW = Fixtures.T0;
    static final TemplateBook BOOK = TemplateBook.of(List.of(new MessageTemplate(UUID.randomUUID(), "clinic_day", "en",
            TemplateCategory.UTILITY, "Hello {{1}}", null, null, List.of(), null, NOW)));
    static final BroadcastContent.TemplateSend CLINIC = new BroadcastContent.TemplateSend("clinic_day", List.of("Asha"));
    static PersistenceAdapter adapter;
    static Broadcasts broadcasts;
    static Conversations conversations;

    @BeforeAll
    static void start() {
        adapter = new PersistenceAdapter(db.dataSource());
        broadcasts = adapter.broadcasts();
        conversations = adapter.conversations();
    }

    static Phone contact(Consumer<Contact> change) {
        Phone phone = Fixtures.phone();
        conversations.lockOrCreate(phone, "Asha", NOW.minusSeconds(3600), opened -> {
            change.accept(opened.contact());
            return Conversations.Turn.saving(Changes.of(opened.contact()));
        });
        return phone;
    }

    static Phone optedIn() {
        return contact(c -> c.optIn(ConsentMethod.IMPORT, "wave.csv", null, NOW.minusSeconds(3600)));
    }

    static Broadcast running(List<Phone> phones) {
        Broadcast b = Broadcast.scheduled(UUID.randomUUID(), "b", CLINIC, new Audience.Phones(phones), NOW, NOW);
        broadcasts.create(b);
        return broadcasts.start(b.id(), NOW).orElseThrow();
    }

    /** The claim as the sender makes it: each recipient's message judged by the send policy as it leaves. */
    static Broadcasts.Claim claim(Broadcast b, int limit) {
        return broadcasts.claim(b.id(), "", limit, NOW, NOW.plusSeconds(40), (phone, contact) -> {
            OutboundMessage m = BroadcastMessages.template(CLINIC, BOOK, phone, contact, UUID.randomUUID(), NOW)
                    .orElseThrow();
            SendDecision d = POLICY.decideAtSend(new QueuedSend(m, contact, null), NOW);
            return d instanceof SendDecision.Refused r ? new Broadcasts.Refuse(m, r.reason().code())
                    : new Broadcasts.Send(m);
        });
    }

    static BroadcastTally tally(Broadcast b) {
        Broadcast now = broadcasts.find(b.id()).orElseThrow();
        return BroadcastTally.of(now.recipients(), broadcasts.buckets(List.of(b.id())).getOrDefault(b.id(), Map.of()));
    }

    static List<OutboundMessage> sends(Broadcasts.Claim claim) {
        return claim.leased().stream().map(l -> ((Broadcasts.Send) l.decision()).message()).toList();
    }

    @Test
    void aGroupsMembersAreFixedByOneStatementWhenItStartsAndOnlyOnce() {
        long group = adapter.groups().create("Wave " + UUID.randomUUID()).orElseThrow().id();
        List<Phone> members = List.of(optedIn(), optedIn(), optedIn());
        assertTrue(adapter.groups().addMembers(group, members).isEmpty());
        Broadcast b = Broadcast.scheduled(UUID.randomUUID(), "group", CLINIC, new Audience.Group(group),
                NOW.plusSeconds(60), NOW);
        broadcasts.create(b);

        assertFalse(broadcasts.due(NOW, 100).contains(b.id()), "not before its time");
        assertTrue(broadcasts.due(NOW.plusSeconds(60), 100).contains(b.id()));
        Broadcast started = broadcasts.start(b.id(), NOW.plusSeconds(60)).orElseThrow();
        assertEquals(BroadcastStatus.RUNNING, started.status());
        assertEquals(3, started.recipients());
        assertTrue(broadcasts.start(b.id(), NOW.plusSeconds(61)).isEmpty(), "a second start adds nobody");
        assertEquals(3, db.queryInt("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = '" + b.id() + "'"));

        long empty = adapter.groups().create("Empty " + UUID.randomUUID()).orElseThrow().id();
        Broadcast none = Broadcast.scheduled(UUID.randomUUID(), "empty", CLINIC, new Audience.Group(empty), NOW, NOW);
        broadcasts.create(none);
        assertEquals(BroadcastStatus.DONE, broadcasts.start(none.id(), NOW).orElseThrow().status());
    }

    @Test
    void theClaimJudgesEachRecipientAsItsContactStandsAndStoresTheRefusals() {
        Phone in = optedIn();
        Phone out = contact(c -> c.optOut(ConsentMethod.API, "asked", null, NOW.minusSeconds(60)));
        Phone unknown = contact(c -> { });
        Broadcast b = running(List.of(in, out, unknown));

        Broadcasts.Claim claim = claim(b, 10);
        assertTrue(claim.broadcastLive());
        assertEquals(3, claim.looked());
        assertEquals(List.of(in), claim.leased().stream().map(Broadcasts.Leased::phone).toList());
        BroadcastTally t = tally(b);
        assertEquals(Map.of("contact_opted_out", 1L, "not_opted_in", 1L), t.refused());
        assertEquals(1, t.queued(), "the leased one");
        assertEquals(2, db.queryInt("SELECT count(*) FROM messages WHERE broadcast_id = '" + b.id()
                + "' AND status = 'refused'"), "the conversation shows the refusals");
        assertEquals(0, claim(b, 10).looked(), "nothing waits any more");
    }

    @Test
    void aContactWhoseConsentIsBeingChangedRightNowIsLeftForALaterClaim() throws Exception {
        Phone busy = optedIn();
        Phone free = optedIn();
        Broadcast b = running(List.of(busy, free));
        DataSource ds = db.dataSource();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SELECT 1 FROM contacts WHERE phone = '" + busy.digits() + "' FOR UPDATE");
            Broadcasts.Claim claim = claim(b, 10);
            assertEquals(List.of(free), claim.leased().stream().map(Broadcasts.Leased::phone).toList());
            c.rollback();
        }
        Broadcasts.Claim later = claim(b, 10);
        assertEquals(List.of(busy), later.leased().stream().map(Broadcasts.Leased::phone).toList());
    }

    @Test
    void anOutcomeIsWrittenOnlyForACallMarkedStartedAndCountsFollowStatusCallbacks() {
        Phone a = optedIn();
        Phone b2 = optedIn();
        Broadcast b = running(List.of(a, b2));
        List<OutboundMessage> leased = sends(claim(b, 10));
        assertEquals(2, leased.size());

        Set<UUID> marked = broadcasts.record(b.id(), List.of(), leased);
        assertEquals(Set.of(leased.get(0).id(), leased.get(1).id()), marked);
        assertEquals(Set.of(), broadcasts.record(b.id(), List.of(), leased), "marked once");
        assertTrue(broadcasts.inFlight(b.id(), NOW));

        broadcasts.record(b.id(), List.of(new Broadcasts.Accepted(a, leased.get(0), "gupshup", "gs-" + UUID.randomUUID()),
                new Broadcasts.Failed(b2, leased.get(1), "400 bad template")), List.of());
        BroadcastTally t = tally(b);
        assertEquals(1, t.sent());
        assertEquals(1, t.failed());
        assertEquals(0, t.queued());
        assertFalse(broadcasts.inFlight(b.id(), NOW));
        // written once: the same outcomes again change nothing
        broadcasts.record(b.id(), List.of(new Broadcasts.Accepted(a, leased.get(0), "gupshup", "again")), List.of());
        assertEquals(1, tally(b).sent());
        assertEquals(1, db.queryInt("SELECT count(*) FROM messages WHERE id = '" + leased.get(0).id() + "'"));

        // a status callback moves the message between buckets (the V15 trigger)
        db.execute("UPDATE messages SET status = 'delivered' WHERE id = '" + leased.get(0).id() + "'");
        assertEquals(1, tally(b).delivered());
        db.execute("UPDATE messages SET status = 'read' WHERE id = '" + leased.get(0).id() + "'");
        BroadcastTally read = tally(b);
        assertEquals(1, read.sent());
        assertEquals(1, read.delivered());
        assertEquals(1, read.read());
        assertTrue(broadcasts.finish(b.id(), NOW));
        assertEquals(BroadcastStatus.DONE, broadcasts.status(b.id()).orElseThrow());
    }

    @Test
    void aLeaseThatRunsOutFailsAStartedCallOnceAndGivesBackOneNeverCalled() {
        Phone started = optedIn();
        Phone neverCalled = optedIn();
        Broadcast b = running(List.of(started, neverCalled));
        List<OutboundMessage> leased = sends(claim(b, 10));
        OutboundMessage call = leased.stream().filter(m -> m.phone().equals(started)).findFirst().orElseThrow();
        broadcasts.record(b.id(), List.of(), List.of(call));

        broadcasts.expire(NOW.plusSeconds(39));
        assertEquals(0, countOf(b, "failed"), "not before its lease ran out");
        broadcasts.expire(NOW.plusSeconds(41));
        assertEquals(1, countOf(b, "failed"));
        assertEquals(1, db.queryInt("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = '" + b.id()
                + "' AND reason = 'outcome_unknown'"));
        BroadcastTally t = tally(b);
        assertEquals(1, t.failed());
        assertEquals(1, t.queued(), "the one never called waits again");
        // the dead instance's outcome, if it ever came, changes nothing
        broadcasts.record(b.id(), List.of(new Broadcasts.Accepted(started, call, "gupshup", "late")), List.of());
        assertEquals(0, tally(b).sent());
        assertEquals(List.of(neverCalled), claim(b, 10).leased().stream().map(Broadcasts.Leased::phone).toList());
    }

    @Test
    void afterACancelAClaimFindsNothing() {
        Broadcast b = running(List.of(optedIn()));
        assertEquals(BroadcastStatus.CANCELLED, broadcasts.cancel(b.id(), NOW).orElseThrow().status());
        Broadcasts.Claim claim = claim(b, 10);
        assertFalse(claim.broadcastLive());
        assertTrue(claim.leased().isEmpty());
        assertEquals(BroadcastStatus.CANCELLED, broadcasts.cancel(b.id(), NOW).orElseThrow().status(), "twice");
    }

    static int countOf(Broadcast b, String state) {
        return db.queryInt("SELECT count(*) FROM broadcast_recipients WHERE broadcast_id = '" + b.id()
                + "' AND state = '" + state + "'");
    }
}
