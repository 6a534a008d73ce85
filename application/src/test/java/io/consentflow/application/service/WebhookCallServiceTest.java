package io.consentflow.application.service;

import io.consentflow.application.port.in.ResumeFlowUseCase;
import io.consentflow.application.port.out.WebhookCalls;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.flow.action.CallWebhook;
import io.consentflow.domain.flow.action.WaitForResult;
import io.consentflow.domain.flow.action.WaitForTime;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.flow.webhook.WebhookRequest;
import io.consentflow.domain.keyword.Keyword;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.InboundPolicy;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhook worker and the flow-resume use case over the in-memory store: each outcome applies once. */
class WebhookCallServiceTest {
    static final String FLOW = "22222222-2222-4222-8222-222222222222";
    static final String OTHER = "33333333-3333-4333-8333-333333333333";
    final Phone phone = Phone.parse("919812345678");
    final InMemory db = new InMemory();
    final MovingClock clock = new MovingClock();
    final List<WebhookRequest> made = new ArrayList<>();
    final AtomicInteger attempts = new AtomicInteger(1);
    WebhookOutcome answer = WebhookOutcome.success(200, "{\"plan\":\"Gold\"}", Map.of("plan", "Gold"));
    InboundMessageService inbound;
    WebhookCallService worker;
    FlowResumeService flowResume;
    DueWaitsService due;
    int messageIds;

    /** Claims every call not done (the lease is not what these tests are about: JdbiWebhookCallsTest). */
    final WebhookCalls queue = (now, lease, limit) -> db.calls.stream().filter(c -> !db.callsDone.contains(c.id()))
            .limit(limit).map(c -> new WebhookCalls.Claimed(c, attempts.get())).toList();

    void serve(Flow... flows) {
        for (Flow f : flows) db.flows.put(f.uuid(), new StoredFlow(f, "{}", Instant.EPOCH));
        FlowCatalog catalog = new FlowCatalog(db.flowPort, db.settingsPort);
        EngineFactory engines = new EngineFactory(new SendPolicy(), UUID::randomUUID, new SplittableRandom(1));
        inbound = new InboundMessageService(db.conversations, catalog, new InboundPolicy(), engines, clock,
                UUID::randomUUID, io.consentflow.application.port.out.Telemetry.NONE);
        worker = new WebhookCallService(queue, (request, runId) -> {
            made.add(request);
            return answer;
        }, db.conversations, catalog, engines, clock, Runnable::run, Duration.ofSeconds(50));
        flowResume = new FlowResumeService(db.runPort, db.conversations, catalog, engines, clock);
        due = new DueWaitsService(db.conversations, db.runPort, catalog, engines, clock);
    }

    static Flow flow(String uuid, String keyword, Node... nodes) {
        return new Flow(uuid, "f", List.of(nodes), Flow.DEFAULT_EXPIRE_AFTER_MINUTES, List.of(Keyword.of(keyword)),
                false, true);
    }

    static Flow webhookFlow() {
        Node call = switchOn("call", "@results.lookup.category")
                .actions(new CallWebhook("w1", "GET", "https://example.org/plans", Map.of(), "", "lookup"))
                .when(new TextTest(TextTest.Mode.ONLY_TEXT, "Success"), "Success", "ok").other("failed").build();
        return flow(FLOW, "plan", call, node("ok", null, sendMsg("s1", "Plan @results.lookup.plan")),
                node("failed", null, sendMsg("s2", "Sorry")));
    }

    void receive(String text) {
        inbound.receive(new InboundMessage("gupshup", "m" + ++messageIds, phone, "Asha", MessageType.TEXT, text,
                clock.now));
    }

    List<String> sent() {
        return db.messages.stream().filter(m -> m.direction() == Direction.OUTBOUND).map(Message::text).toList();
    }

    Run run() {
        return db.runs.values().iterator().next();
    }

    @Test
    void theWorkerMakesTheCallAndResumesTheRunOnce() {
        serve(webhookFlow());
        receive("plan");
        assertEquals(1, db.calls.size(), "queued with the inbound message's sprint");
        assertTrue(made.isEmpty(), "no call on the inbound path");

        assertEquals(1, worker.callOnce(10));
        assertEquals(List.of("Plan Gold"), sent());
        assertEquals(RunStatus.COMPLETED, run().status());
        assertTrue(db.callsDone.contains(db.calls.get(0).id()));
        assertEquals(0, worker.callOnce(10), "done: never claimed again");
        assertEquals(1, made.size());
    }

    @Test
    void aMessageWhileTheCallIsPendingChangesNothing_aKeywordInterruptsAndTheLateOutcomeIsDropped() {
        serve(webhookFlow(), flow(OTHER, "news", node("n", null, sendMsg("x", "News"))));
        receive("plan");
        receive("hello?");
        assertTrue(run().waiting(), "a reply does not wake a run paused for a call");
        receive("news");
        assertEquals(RunStatus.INTERRUPTED, run().status());

        assertEquals(1, worker.callOnce(10));
        assertEquals(List.of("News"), sent(), "the outcome of an interrupted run's call sends nothing");
        assertTrue(db.callsDone.contains(db.calls.get(0).id()));
    }

    @Test
    void aCallClaimedTooOftenTakesFailureWithoutAnotherTry() {
        serve(webhookFlow());
        receive("plan");
        attempts.set(WebhookCallService.MAX_ATTEMPTS + 1);
        worker.callOnce(10);
        assertTrue(made.isEmpty());
        assertEquals(List.of("Sorry"), sent());
        assertEquals("gave_up", run().results().get("lookup").value());
    }

    @Test
    void aPostedResultResumesItsRunOnce() {
        Node waiting = switchOn("wait", "@input.text").actions(new WaitForResult("r1", 600, "answer"))
                .other("done").build();
        serve(flow(FLOW, "ask", waiting, node("done", null, sendMsg("s1", "Got @results.answer.message"))));
        receive("ask");
        UUID runId = run().id();

        assertEquals(ResumeFlowUseCase.Outcome.UNKNOWN_RUN, flowResume.resume(UUID.randomUUID(), "{}", Map.of()));
        assertEquals(ResumeFlowUseCase.Outcome.RESUMED,
                flowResume.resume(runId, "{\"message\":\"yes\"}", Map.of("message", "yes")));
        assertEquals(ResumeFlowUseCase.Outcome.NOT_WAITING,
                flowResume.resume(runId, "{\"message\":\"again\"}", Map.of("message", "again")));
        assertEquals(List.of("Got yes"), sent());
    }

    @Test
    void aPostedResultDoesNotEndAWebhooksPause() {
        serve(webhookFlow());
        receive("plan");
        assertEquals(ResumeFlowUseCase.Outcome.NOT_WAITING, flowResume.resume(run().id(), "{}", Map.of()));
        assertTrue(run().waiting());
    }

    @Test
    void waitForTimeThenAWebhook_theDueWaitsQueueTheCall() {
        serve(flow(FLOW, "later", node("pause", "call", new WaitForTime("t1", 60)),
                switchOn("call", "@results.lookup.category")
                        .actions(new CallWebhook("w1", "GET", "https://example.org", Map.of(), "", "lookup"))
                        .other("done").build(),
                node("done", null, sendMsg("s1", "Plan @results.lookup.plan"))));
        receive("later");
        assertEquals(0, due.fireDue(10));
        clock.now = clock.now.plusSeconds(60);
        assertEquals(1, due.fireDue(10));
        List<WebhookCall> queued = db.calls;
        assertEquals(1, queued.size());
        worker.callOnce(10);
        assertEquals(List.of("Plan Gold"), sent());
    }
}
