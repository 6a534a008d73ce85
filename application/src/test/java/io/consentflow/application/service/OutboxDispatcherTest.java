package io.consentflow.application.service;

import io.consentflow.application.port.out.MessageSender;
import io.consentflow.application.port.out.MessageSender.SendResult;
import io.consentflow.application.port.out.Outbox;
import io.consentflow.application.port.out.SendPace;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentMethod;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.message.OutboundContent;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.message.RefusalReason;
import io.consentflow.domain.policy.SendDecision;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboxDispatcherTest {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** Records what the dispatcher told the outbox. */
    static class RecordingOutbox implements Outbox {
        final List<Claimed> due = new ArrayList<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        /** Every due message's contact as the claim reads it: opted in, inside the window. */
        Contact contact = contact();

        /** Like the real claim: the check decides per candidate; the refused are not leased. */
        @Override
        public Batch claim(Instant now, Duration lease, int limit, SendCheck check) {
            List<Claimed> out = List.copyOf(due.subList(0, Math.min(limit, due.size())));
            due.removeAll(out);
            List<Claimed> leased = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            for (Claimed c : out) {
                if (check.decide(new QueuedSend(c.message(), contact, null)) instanceof SendDecision.Refused r) {
                    refused.add(new Refused(c.message(), r.reason()));
                    calls.add("refused: " + r.reason().code());
                } else {
                    leased.add(c);
                }
            }
            return new Batch(leased, refused);
        }

        @Override
        public void record(List<Outcome> outcomes) {
            for (Outcome o : outcomes) {
                if (o instanceof Accepted a) calls.add("accepted " + a.provider() + " " + a.providerId());
                else if (o instanceof RetryLater r) {
                    calls.add("retry in " + Duration.between(NOW, r.notBefore()).toSeconds() + "s: " + r.error());
                } else if (o instanceof Released) calls.add("released");
                else calls.add("failed: " + ((Failed) o).reason());
            }
        }

        @Override
        public long depth() {
            return due.size();
        }
    }

    static Contact contact() {
        Contact c = Contact.newContact(Phone.parse("919812345678"), "Asha", NOW.minusSeconds(3600));
        c.receivedInbound(NOW.minusSeconds(60), null);
        c.optIn(ConsentMethod.API, "admin", null, NOW.minusSeconds(60));
        return c;
    }

    /** A provider named {@code name} that answers each message with {@code send}. */
    static MessageSender sender(String name, Function<OutboundMessage, SendResult> send) {
        return new MessageSender() {
            @Override
            public SendResult send(OutboundMessage m) {
                return send.apply(m);
            }

            @Override
            public String provider() {
                return name;
            }
        };
    }

    static Outbox.Claimed claimed(String text, int attempts) {
        return new Outbox.Claimed(OutboundMessage.queued(UUID.randomUUID(), Phone.parse("919812345678"),
                MessageType.TEXT, text, new OutboundContent.Text(text, List.of()), null, null, false,
                NOW.minusSeconds(1), null), attempts);
    }

    @Test
    void outcomesAreRecordedWithBackoffThatDoublesAndIsCapped() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.addAll(List.of(claimed("ok", 0), claimed("flaky", 0), claimed("flaky again", 3),
                claimed("hopeless", 0), claimed("crash", 30)));
        MessageSender sender = sender("gupshup", m -> {
            return switch (m.text()) {
                case "ok" -> new SendResult.Accepted("p-1");
                case "flaky", "flaky again" -> new SendResult.Retry("503");
                case "hopeless" -> new SendResult.Rejected("400");
                default -> throw new IllegalStateException("socket closed");
            };
        });
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sender, Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE);
        assertEquals(5, dispatcher.dispatchOnce(10));
        assertEquals(List.of("accepted gupshup p-1", "retry in 2s: 503", "retry in 16s: 503", "failed: 400",
                "retry in 600s: java.lang.IllegalStateException: socket closed"), outbox.calls);
        assertEquals(0, dispatcher.dispatchOnce(10));
    }

    /** The simulator's test contact: its replies pass the send policy, then never reach the provider. */
    @Test
    void aTestContactsMessageIsRecordedAsTakenAndNeverReachesTheProvider() {
        RecordingOutbox outbox = new RecordingOutbox();
        OutboundMessage toTest = OutboundMessage.queued(UUID.fromString("00000000-0000-7000-8000-000000000001"),
                Phone.parse("99900000001"), MessageType.TEXT, "hi", new OutboundContent.Text("hi", List.of()), null,
                null, false, NOW.minusSeconds(1), null);
        outbox.due.addAll(List.of(new Outbox.Claimed(toTest, 0), claimed("real", 0)));
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        MessageSender sender = sender("gupshup", m -> {
            sent.add(m.phone().digits());
            return new SendResult.Accepted("p-1");
        });
        new OutboxDispatcher(outbox, sender, Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE).dispatchOnce(10);
        assertEquals(List.of("919812345678"), sent);
        assertEquals(List.of("accepted simulator 00000000-0000-7000-8000-000000000001", "accepted gupshup p-1"),
                outbox.calls);
    }

    /** The test contact's replies still pass the send policy: an opted-out test contact gets nothing either. */
    @Test
    void aTestContactsMessageTheSendPolicyRefusesIsRefused() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.contact.optOut(ConsentMethod.API, "admin", null, NOW.minusSeconds(30));
        outbox.due.add(new Outbox.Claimed(OutboundMessage.queued(UUID.randomUUID(), Phone.parse("99900000001"),
                MessageType.TEXT, "hi", new OutboundContent.Text("hi", List.of()), null, null, false,
                NOW.minusSeconds(1), null), 0));
        new OutboxDispatcher(outbox, sender("gupshup", m -> {
            throw new AssertionError("no call for a refused message");
        }), Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE).dispatchOnce(10);
        assertEquals(List.of("refused: contact_opted_out"), outbox.calls);
    }

    /** The claim applies the send policy again: a contact who opted out while the message waited gets nothing. */
    @Test
    void aMessageTheSendPolicyNoLongerAllowsIsNeverHandedToTheProvider() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.contact.optOut(ConsentMethod.API, "admin", null, NOW.minusSeconds(1));
        outbox.due.addAll(List.of(claimed("after the opt-out", 2)));
        List<String> sent = new ArrayList<>();
        List<RefusalReason> refusals = new ArrayList<>();
        Telemetry telemetry = new Telemetry() {
            @Override
            public void sendRefused(RefusalReason reason) {
                refusals.add(reason);
            }
        };
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sender("gupshup", m -> {
            sent.add(m.text());
            return new SendResult.Accepted("p-1");
        }), Clock.fixed(NOW, ZoneOffset.UTC), telemetry);
        assertEquals(1, dispatcher.dispatchOnce(10), "a refused message counts as handled");
        assertEquals(List.of(), sent);
        assertEquals(List.of("refused: contact_opted_out"), outbox.calls, "no outcome recorded for it");
        assertEquals(List.of(RefusalReason.CONTACT_OPTED_OUT), refusals);
    }

    @Test
    void aBatchIsSentConcurrentlyAndEveryOutcomeIsRecordedBeforeItReturns() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox();
        for (int i = 0; i < 8; i++) outbox.due.add(claimed("m" + i, 0));
        // every call waits until all eight are in flight: one at a time, the first would time out
        CountDownLatch allInFlight = new CountDownLatch(8);
        MessageSender sender = sender("meta", m -> {
            allInFlight.countDown();
            return released(allInFlight) ? new SendResult.Accepted("p-" + m.text()) : new SendResult.Retry("alone");
        });
        assertEquals(8, dispatchOnPool(8, outbox, sender, 50));
        assertEquals(8, outbox.calls.size(), "recorded before dispatchOnce returned: " + outbox.calls);
        assertTrue(outbox.calls.stream().allMatch(c -> c.startsWith("accepted meta p-m")), outbox.calls::toString);
    }

    @Test
    void anOutcomeIsRecordedAsSoonAsItsCallFinishesNotWithTheBatchsSlowest() throws Exception {
        CountDownLatch fastRecorded = new CountDownLatch(1);
        List<Integer> recordCalls = Collections.synchronizedList(new ArrayList<>());
        RecordingOutbox outbox = new RecordingOutbox() {
            @Override
            public void record(List<Outcome> outcomes) {
                super.record(outcomes);
                recordCalls.add(outcomes.size());
                fastRecorded.countDown();
            }
        };
        outbox.due.addAll(List.of(claimed("fast", 0), claimed("slow", 0)));
        // the slow call returns only once the fast one's provider id is stored (a status callback may come first)
        MessageSender sender = sender("gupshup", m -> m.text().equals("slow") && !released(fastRecorded)
                ? new SendResult.Retry("recorded too late") : new SendResult.Accepted("p-" + m.text()));
        assertEquals(2, dispatchOnPool(2, outbox, sender, 10));
        assertEquals(List.of("accepted gupshup p-fast", "accepted gupshup p-slow"), outbox.calls);
        assertEquals(List.of(1, 1), recordCalls);
    }

    @Test
    void noCallStartsSoLateInTheBatchThatItCouldOutliveTheLease() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.addAll(List.of(claimed("first", 0), claimed("second", 0), claimed("third", 2)));
        MovingClock clock = new MovingClock();
        List<String> called = new ArrayList<>();
        // a slow provider: each call takes 15 s, so the third would start 30 s after the claim
        MessageSender sender = sender("gupshup", m -> {
            called.add(m.text());
            clock.now = clock.now.plusSeconds(15);
            return new SendResult.Accepted("p-" + m.text());
        });
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, sender, clock, Telemetry.NONE);
        assertEquals(3, dispatcher.dispatchOnce(10));
        assertEquals(List.of("first", "second"), called, "started within " + OutboxDispatcher.LATEST_START);
        assertEquals(List.of("accepted gupshup p-first", "accepted gupshup p-second", "released"), outbox.calls);
    }

    @Test
    void aFailureToRecordAnOutcomeReachesTheCaller() {
        RecordingOutbox outbox = new RecordingOutbox() {
            @Override
            public void record(List<Outcome> outcomes) {
                throw new IllegalStateException("database down");
            }
        };
        outbox.due.add(claimed("ok", 0));
        MessageSender sender = sender("gupshup", m -> new SendResult.Accepted("p-1"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dispatchOnPool(2, outbox, sender, 10));
        assertEquals("database down", e.getMessage());
    }

    /** Writes down what the dispatcher told the pace, into the same list as the provider's calls. */
    static SendPace pace(List<String> log) {
        return new SendPace() {
            @Override
            public int take(int wanted, Instant now) {
                throw new AssertionError("replies never take from the pace: they never wait");
            }

            @Override
            public void spent(int messages, Instant now) {
                log.add("spent " + messages + " at " + now);
            }

            @Override
            public void slowDown(Instant now) {
                log.add("slow down at " + now);
            }
        };
    }

    private static OutboxDispatcher paced(Outbox outbox, MessageSender sender, SendPace pace) {
        return new OutboxDispatcher(outbox, sender, Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE, Runnable::run,
                new SendPolicy(), pace);
    }

    @Test
    void aBatchsRepliesAreCountedAgainstThePaceOnceBeforeTheyGo() {
        RecordingOutbox outbox = new RecordingOutbox();
        OutboundMessage toSimulator = OutboundMessage.queued(UUID.randomUUID(), Phone.parse("99900000001"),
                MessageType.TEXT, "hi", new OutboundContent.Text("hi", List.of()), null, null, false,
                NOW.minusSeconds(1), null);
        outbox.due.addAll(List.of(claimed("a", 0), new Outbox.Claimed(toSimulator, 0), claimed("b", 0),
                claimed("c", 0)));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        MessageSender sender = sender("gupshup", m -> {
            log.add("send " + m.text());
            return new SendResult.Accepted("p-" + m.text());
        });
        assertEquals(4, paced(outbox, sender, pace(log)).dispatchOnce(10));
        assertEquals(List.of("spent 3 at " + NOW, "send a", "send b", "send c"), log,
                "one count for the batch, before any call; the simulator's reply reaches no provider and is not counted");
    }

    @Test
    void nothingIsCountedWhenNothingGoesToAProvider() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.contact.optOut(ConsentMethod.API, "admin", null, NOW.minusSeconds(1));
        outbox.due.add(claimed("after the opt-out", 0));
        List<String> log = new ArrayList<>();
        paced(outbox, sender("gupshup", m -> new SendResult.Accepted("p")), pace(log)).dispatchOnce(10);
        paced(outbox, sender("gupshup", m -> new SendResult.Accepted("p")), pace(log)).dispatchOnce(10);
        assertEquals(List.of(), log, "a refused message and an empty claim cost the pace nothing");
    }

    @Test
    void aRateLimitIsRetriedLikeAnyTemporaryFailureAndSlowsThePaceOncePerBatch() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.addAll(List.of(claimed("limited", 0), claimed("ok", 0), claimed("limited too", 2)));
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        MessageSender sender = sender("meta", m -> m.text().startsWith("limited")
                ? new SendResult.RateLimited("429 too many") : new SendResult.Accepted("p-ok"));
        paced(outbox, sender, pace(log)).dispatchOnce(10);
        assertEquals(List.of("retry in 2s: 429 too many", "accepted meta p-ok", "retry in 8s: 429 too many"),
                outbox.calls);
        assertEquals(List.of("spent 3 at " + NOW, "slow down at " + NOW), log);
    }

    @Test
    void otherTemporaryFailuresDoNotSlowThePace() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.addAll(List.of(claimed("flaky", 0)));
        List<String> log = new ArrayList<>();
        paced(outbox, sender("meta", m -> new SendResult.Retry("503")), pace(log)).dispatchOnce(10);
        assertEquals(List.of("spent 1 at " + NOW), log);
    }

    @Test
    void aPaceThatCannotCountDoesNotHoldRepliesBack() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.due.add(claimed("ok", 0));
        SendPace broken = new SendPace() {
            @Override
            public int take(int wanted, Instant now) {
                return 0;
            }

            @Override
            public void spent(int messages, Instant now) {
                throw new IllegalStateException("lock timeout");
            }

            @Override
            public void slowDown(Instant now) {
            }
        };
        assertEquals(1, paced(outbox, sender("gupshup", m -> new SendResult.Accepted("p-1")), broken).dispatchOnce(10));
        assertEquals(List.of("accepted gupshup p-1"), outbox.calls);
    }

    /** One {@code dispatchOnce(limit)} with the calls on a pool of {@code threads}. */
    private static int dispatchOnPool(int threads, Outbox outbox, MessageSender sender, int limit) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            return new OutboxDispatcher(outbox, sender, Clock.fixed(NOW, ZoneOffset.UTC), Telemetry.NONE, pool)
                    .dispatchOnce(limit);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Whether {@code latch} opened within 10 s. */
    private static boolean released(CountDownLatch latch) {
        try {
            return latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
