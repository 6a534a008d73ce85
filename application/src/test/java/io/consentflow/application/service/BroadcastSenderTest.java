package io.consentflow.application.service;

import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.SendPolicy;
import io.consentflow.domain.template.MessageTemplate;
import io.consentflow.domain.template.TemplateBook;
import io.consentflow.domain.template.TemplateCategory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broadcast sender's decisions, on an in-memory store and provider: the pace bounds a batch, the send policy
 * judges each recipient as its contact stands at the claim, at most {@code window} calls are marked started before
 * their outcomes come back, only a rate limit puts a recipient back in line (and slows the pace), any other failure
 * is final, and a broadcast cancelled on this instance starts no further call.
 */
class BroadcastSenderTest {
    static final MovingClock CLOCK = new MovingClock();
    static final TemplateBook BOOK = TemplateBook.of(List.of(new MessageTemplate(UUID.randomUUID(), "clinic_day",
            "en", TemplateCategory.UTILITY, "Hello {{1}}", null, null, List.of(), null, Instant.EPOCH)));
    static final Broadcast BROADCAST = new Broadcast(UUID.randomUUID(), "b",
            new BroadcastContent.TemplateSend("clinic_day", List.of("Asha")), new Audience.Group(1), Instant.EPOCH,
            BroadcastStatus.RUNNING, Instant.EPOCH, Instant.EPOCH, null, 0);

    /** One running broadcast's recipients in phone order, each with its state, as the adapter keeps them. */
    static final class Store implements Broadcasts {
        final Map<Phone, Contact> contacts = new LinkedHashMap<>();
        final Map<Phone, String> states = new LinkedHashMap<>();
        final Map<UUID, Phone> claims = new LinkedHashMap<>();
        final List<Outcome> recorded = new ArrayList<>();
        final List<String> refusals = new ArrayList<>();
        int sendingNow;
        int mostSendingAtOnce;
        BroadcastStatus status = BroadcastStatus.RUNNING;

        Phone add(Contact c) {
            contacts.put(c.phone(), c);
            states.put(c.phone(), "pending");
            return c.phone();
        }

        @Override
        public Claim claim(UUID id, String after, int limit, Instant now, Instant leaseUntil, Decide decide) {
            if (status != BroadcastStatus.RUNNING) return new Claim(List.of(), 0, after, false);
            List<Leased> leased = new ArrayList<>();
            int looked = 0;
            String last = after;
            for (Map.Entry<Phone, String> e : states.entrySet()) {
                if (looked == limit) break;
                if (!e.getValue().equals("pending") || e.getKey().digits().compareTo(after) <= 0) continue;
                looked++;
                last = e.getKey().digits();
                Decision d = decide.decide(e.getKey(), contacts.get(e.getKey()));
                if (d instanceof Send s) {
                    e.setValue("leased");
                    claims.put(s.message().id(), e.getKey());
                    leased.add(new Leased(e.getKey(), d));
                } else if (d instanceof Refuse r) {
                    e.setValue("refused");
                    refusals.add(r.reason());
                }
            }
            return new Claim(leased, looked, last, true);
        }

        @Override
        public Set<UUID> record(UUID id, List<Outcome> outcomes, List<OutboundMessage> starting) {
            for (Outcome o : outcomes) {
                recorded.add(o);
                if (states.get(o.phone()).equals("sending")) sendingNow--;
                states.put(o.phone(), o instanceof Requeued ? "pending" : o instanceof Accepted ? "sent" : "failed");
            }
            Set<UUID> marked = new HashSet<>();
            for (OutboundMessage m : starting) {
                if (states.get(m.phone()).equals("leased")) {
                    states.put(m.phone(), "sending");
                    marked.add(m.id());
                    sendingNow++;
                }
            }
            mostSendingAtOnce = Math.max(mostSendingAtOnce, sendingNow);
            return marked;
        }

        @Override public List<Broadcast> running(int limit) { return status == BroadcastStatus.RUNNING ? List.of(BROADCAST) : List.of(); }
        @Override public Optional<BroadcastStatus> status(UUID id) { return Optional.of(status); }
        @Override public int expire(Instant now) { return 0; }
        @Override public boolean finish(UUID id, Instant now) { status = BroadcastStatus.DONE; return true; }
        @Override public void create(Broadcast broadcast) { throw new UnsupportedOperationException(); }
        @Override public List<Broadcast> page(UUID after, int limit) { throw new UnsupportedOperationException(); }
        @Override public Optional<Broadcast> find(UUID id) { throw new UnsupportedOperationException(); }
        @Override public Map<UUID, Map<String, Long>> buckets(Collection<UUID> ids) { throw new UnsupportedOperationException(); }
        @Override public boolean groupExists(long id) { throw new UnsupportedOperationException(); }
        @Override public List<Phone> withoutContact(Collection<Phone> phones) { throw new UnsupportedOperationException(); }
        @Override public Optional<Broadcast> cancel(UUID id, Instant at) { throw new UnsupportedOperationException(); }
        @Override public boolean inFlight(UUID id, Instant now) { throw new UnsupportedOperationException(); }
        @Override public List<UUID> due(Instant now, int limit) { return List.of(); }
        @Override public Optional<Broadcast> start(UUID id, java.util.function.Supplier<Instant> now) { throw new UnsupportedOperationException(); }
        @Override public void giveBack(UUID id, List<Leased> leased) { throw new UnsupportedOperationException(); }
        @Override public boolean takeFlowRecipient(UUID id, Phone phone, UUID token, String reason) { throw new UnsupportedOperationException(); }

        long inState(String state) {
            return states.values().stream().filter(state::equals).count();
        }
    }

    /** A provider answering by phone, counting its calls. */
    static final class Provider implements MessageSender {
        final Function<Phone, SendResult> answer;
        final List<Phone> calls = new ArrayList<>();

        Provider(Function<Phone, SendResult> answer) {
            this.answer = answer;
        }

        @Override
        public synchronized SendResult send(OutboundMessage message) {
            calls.add(message.phone());
            return answer.apply(message.phone());
        }

        @Override
        public String provider() {
            return "gupshup";
        }
    }

    /** A pace that grants at most {@code allowance} and counts its slow-downs. */
    static final class Pace implements SendPace {
        int allowance;
        int slowDowns;

        Pace(int allowance) {
            this.allowance = allowance;
        }

        @Override public int take(int wanted, Instant now) { return Math.min(wanted, allowance); }
        @Override public void spent(int messages, Instant now) { }
        @Override public void slowDown(Instant now) { slowDowns++; }
    }

    static final AtomicInteger phones = new AtomicInteger(100);

    static Contact optedIn() {
        Contact c = Contact.newContact(new Phone("9190000" + phones.incrementAndGet()), "Asha", Instant.EPOCH);
        c.optIn(ConsentMethod.IMPORT, "wave.csv", null, Instant.EPOCH);
        return c;
    }

    static BroadcastSender sender(Store store, MessageSender provider, SendPace pace, int window) {
        return new BroadcastSender(store, null, null, null, () -> BOOK, provider, pace, new SendPolicy(),
                UUID::randomUUID, CLOCK, Telemetry.NONE, Runnable::run, window);
    }

    @Test
    void thePaceBoundsABatchAndEachRecipientIsJudgedAsItsContactStands() {
        Store store = new Store();
        for (int i = 0; i < 5; i++) store.add(optedIn());
        Contact out = optedIn();
        out.optOut(ConsentMethod.BSP, "gupshup:opted-out", null, Instant.EPOCH.plusSeconds(1));
        store.add(out);
        Provider provider = new Provider(p -> new MessageSender.SendResult.Accepted("gs-" + p.digits()));
        Pace pace = new Pace(4);
        BroadcastSender sender = sender(store, provider, pace, 8);

        assertEquals(4, sender.sendOnce(500));
        assertEquals(4, provider.calls.size(), "no more than the pace gave");
        assertEquals(2, sender.sendOnce(500));
        assertEquals(List.of("contact_opted_out"), store.refusals);
        assertEquals(5, store.inState("sent"));
        assertEquals(0, sender.sendOnce(500), "the end of the phone order: the next pass starts again");
        assertEquals(0, sender.sendOnce(500));
        assertEquals(BroadcastStatus.DONE, store.status, "nothing waits: done");

        pace.allowance = 0;
        store.status = BroadcastStatus.RUNNING;
        store.add(optedIn());
        assertEquals(0, sender.sendOnce(500), "no budget: nobody claimed");
        assertEquals(1, store.inState("pending"));
    }

    @Test
    void atMostTheWindowIsMarkedStartedAtOnce() {
        Store store = new Store();
        for (int i = 0; i < 20; i++) store.add(optedIn());
        BroadcastSender sender = sender(store, new Provider(p -> new MessageSender.SendResult.Accepted("x")),
                SendPace.UNLIMITED, 3);

        sender.sendOnce(500);
        assertEquals(20, store.inState("sent"));
        assertTrue(store.mostSendingAtOnce <= 3, "at most the window: " + store.mostSendingAtOnce);
    }

    @Test
    void onlyARateLimitPutsARecipientBackInLineAndSlowsThePace() {
        Store store = new Store();
        Phone limited = store.add(optedIn());
        Phone timedOut = store.add(optedIn());
        Phone rejected = store.add(optedIn());
        Provider provider = new Provider(p -> p.equals(limited) ? new MessageSender.SendResult.RateLimited("429 too many requests")
                : p.equals(timedOut) ? new MessageSender.SendResult.Retry("network: java.net.http.HttpTimeoutException")
                : new MessageSender.SendResult.Rejected("400 invalid template"));
        Pace pace = new Pace(500);

        sender(store, provider, pace, 8).sendOnce(500);

        assertEquals("pending", store.states.get(limited), "not taken by the provider: in line again");
        assertEquals(1, pace.slowDowns);
        assertEquals("failed", store.states.get(timedOut), "may have reached the provider: never again");
        assertEquals("failed", store.states.get(rejected));
    }

    @Test
    void aBroadcastCancelledOnThisInstanceStartsNoFurtherCall() {
        Store store = new Store();
        for (int i = 0; i < 10; i++) store.add(optedIn());
        List<Phone> called = new ArrayList<>();
        BroadcastSender[] sender = new BroadcastSender[1];
        Provider provider = new Provider(p -> {
            called.add(p);
            if (called.size() == 2) sender[0].cancelled(BROADCAST.id());
            return new MessageSender.SendResult.Accepted("x");
        });
        sender[0] = sender(store, provider, SendPace.UNLIMITED, 1);

        sender[0].sendOnce(500);
        assertEquals(2, called.size(), "the call in flight ends; none starts after it");
        assertEquals(2, store.inState("sent"));
        assertEquals(8, store.inState("pending"), "claimed but never called: back in line");
        assertEquals(0, sender[0].sendOnce(500), "and no further claim");
    }
}
