package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.WebhookCalls;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook call queue on PostgreSQL: queued with the sprint, claimed once, re-claimed after a lost lease. */
class WebhookCallsTest {
    private static final Duration LEASE = Duration.ofSeconds(50);
    private static final String FLOW = "44444444-4444-4444-8444-444444444444";
    @RegisterExtension
    static final TestDatabase db = TestDatabase.create();
    private static WebhookCalls calls;
    private static Conversations conversations;
    private static Runs runs;

    @BeforeAll
    static void start() {
        PersistenceAdapter adapter = new PersistenceAdapter(db.dataSource());
        calls = adapter.webhookCalls();
        conversations = adapter.conversations();
        runs = adapter.runs();
    }

    /** Far apart per test, so one test's calls are never due in another's claims. */
    private static Instant now(int test) {
        return Instant.parse("2031-01-01T00:00:00Z").plus(Duration.ofDays(test));
    }

    /** A contact's run paused for a webhook call, saved with the call in one commit, as a sprint saves them. */
    private static WebhookCall queue(String phoneDigits, Instant at) {
        Phone phone = new Phone(phoneDigits);
        UUID callId = UUID.randomUUID();
        Run run = Run.start(UUID.randomUUID(), FLOW, phone, null, at);
        run.pauseForCall("node-1", "action-1", callId, at, at.plus(Duration.ofDays(7)));
        WebhookCall call = new WebhookCall(callId, run.id(), phone, "action-1", new WebhookRequest("POST",
                "https://example.org/hook", Map.of("Authorization", "Token x"), "{\"a\":1}"), at);
        conversations.lockOrCreate(phone, "Asha", at, opened -> Conversations.Turn.saving(
                Changes.of(opened.contact()).withRuns(List.of(run)).withCalls(List.of(call))));
        return call;
    }

    private static void done(WebhookCall call) {
        conversations.save(Changes.none().withCallDone(call.id()));
    }

    private static void drain(Instant now) {
        for (WebhookCalls.Claimed c : calls.claim(now, LEASE, 1000)) done(c.call());
    }

    @Test
    void aCallIsStoredAsQueuedWithItsPausedRun() {
        Instant now = now(1);
        drain(now);
        WebhookCall call = queue("919800000001", now);
        List<WebhookCalls.Claimed> claimed = calls.claim(now, LEASE, 10);
        assertEquals(1, claimed.size());
        assertEquals(call, claimed.get(0).call());
        assertEquals(1, claimed.get(0).attempts());

        Run run = conversations.existing(call.phone(),
                c -> new Conversations.Turn<>(Changes.none(), c.unfinishedRuns().get(0))).orElseThrow();
        assertEquals("action-1", run.pausedAction());
        assertEquals(call.id(), run.awaitedCall());
        assertTrue(run.waiting());
        assertEquals(call.phone(), runs.phoneOf(run.id()).orElseThrow());
        assertTrue(runs.phoneOf(UUID.randomUUID()).isEmpty());
        done(call);
    }

    @Test
    void aClaimedCallIsNotClaimedAgainWhileLeased_butIsOnceItsLeaseRanOut() {
        Instant now = now(2);
        drain(now);
        WebhookCall call = queue("919800000002", now);
        assertEquals(1, calls.claim(now, LEASE, 10).size());
        assertTrue(calls.claim(now.plusSeconds(49), LEASE, 10).isEmpty(), "leased: not claimed again");
        // the claimer died without an outcome: after the lease the call is made again, its attempts counted
        List<WebhookCalls.Claimed> again = calls.claim(now.plus(LEASE), LEASE, 10);
        assertEquals(List.of(call), again.stream().map(WebhookCalls.Claimed::call).toList());
        assertEquals(2, again.get(0).attempts());
        done(call);
        assertTrue(calls.claim(now.plus(LEASE.multipliedBy(3)), LEASE, 10).isEmpty(), "done: never again");
    }

    @Test
    void concurrentClaimersNeverShareACall() throws Exception {
        Instant now = now(3);
        drain(now);
        for (int i = 0; i < 40; i++) queue(String.format("9198100%05d", i), now.plusMillis(i));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<WebhookCalls.Claimed>>> claims = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) claims.add(pool.submit(() -> calls.claim(now.plusSeconds(1), LEASE, 10)));
            Set<UUID> seen = new HashSet<>();
            int total = 0;
            for (Future<List<WebhookCalls.Claimed>> f : claims) {
                for (WebhookCalls.Claimed c : f.get()) {
                    assertTrue(seen.add(c.call().id()), "claimed twice: " + c.call().id());
                    total++;
                }
            }
            assertEquals(40, total);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void oldestFirst() {
        Instant now = now(4);
        drain(now);
        WebhookCall later = queue("919800000004", now.plusSeconds(2));
        WebhookCall earlier = queue("919800000005", now.plusSeconds(1));
        List<WebhookCalls.Claimed> claimed = calls.claim(now.plusSeconds(3), LEASE, 1);
        assertEquals(earlier, claimed.get(0).call());
        assertEquals(later, calls.claim(now.plusSeconds(3), LEASE, 1).get(0).call());
        drain(now.plus(Duration.ofHours(1)));
    }

    @Test
    void aResumedRunKeepsItsWebhookJsonAndLeavesItsPause() {
        Instant now = now(5);
        WebhookCall call = queue("919800000006", now);
        conversations.existing(call.phone(), c -> {
            Run run = c.unfinishedRuns().get(0);
            run.resumed(now.plusSeconds(1));
            run.webhookAnswered("{\"plan\":\"Gold\"}", now.plusSeconds(1));
            return Conversations.Turn.saving(Changes.of(c.contact()).withRuns(List.of(run)).withCallDone(call.id()));
        });
        Run run = conversations.existing(call.phone(),
                c -> new Conversations.Turn<>(Changes.none(), c.unfinishedRuns().get(0))).orElseThrow();
        assertNull(run.pausedAction());
        assertNull(run.awaitedCall());
        assertEquals("{\"plan\":\"Gold\"}", run.webhook());
        assertTrue(calls.claim(now.plus(Duration.ofHours(1)), LEASE, 10).stream()
                .noneMatch(c -> c.call().id().equals(call.id())));
    }
}
