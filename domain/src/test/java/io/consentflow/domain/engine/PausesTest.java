package io.consentflow.domain.engine;

import io.consentflow.domain.fixtures.EngineHarness;
import io.consentflow.domain.fixtures.Fixtures;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.Node;
import io.consentflow.domain.flow.action.CallWebhook;
import io.consentflow.domain.flow.action.SetContactField;
import io.consentflow.domain.flow.action.WaitForResult;
import io.consentflow.domain.flow.action.WaitForTime;
import io.consentflow.domain.flow.router.TextTest;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunResult;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.flow.webhook.WebhookOutcome;
import io.consentflow.domain.message.OutboundMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.consentflow.domain.fixtures.Fixtures.NOW;
import static io.consentflow.domain.fixtures.TestFlows.flow;
import static io.consentflow.domain.fixtures.TestFlows.flowUuid;
import static io.consentflow.domain.fixtures.TestFlows.node;
import static io.consentflow.domain.fixtures.TestFlows.sendMsg;
import static io.consentflow.domain.fixtures.TestFlows.switchOn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs paused after an action (call_webhook, wait_for_result, wait_for_time) and what resumes them. */
class PausesTest {
    private static final String WEBHOOK_FLOW = flowUuid(60);

    /** Glific's webhook node: the call, then a switch on the result's category; a field set after the call. */
    private static Flow webhookFlow() {
        CallWebhook call = new CallWebhook("w1", "POST", "https://example.org/@contact.name?x=1",
                Map.of("Authorization", "Token @contact.fields.token"), "{\"name\":\"@contact.name\"}", "webhook");
        Node calling = switchOn("call", "@results.webhook.category")
                .actions(sendMsg("s0", "Looking it up"), call,
                        new SetContactField("f1", "after_call", "After", "@input"))
                .when(new TextTest(TextTest.Mode.ONLY_TEXT, "Success"), "Success", "ok")
                .other("failed").build();
        return flow(WEBHOOK_FLOW, calling,
                node("ok", null, sendMsg("s1", "Your plan: @results.webhook.plan.name (@results.webhook)")),
                node("failed", null, sendMsg("s2", "Sorry (@results.webhook.value)")));
    }

    private static EngineHarness harness(Flow flow) {
        EngineHarness h = new EngineHarness(Fixtures.contact(), flow);
        h.contact.setField("token", "t0k");
        return h;
    }

    /** The outcome of the call the harness's active run waits for. */
    private static Resume answer(EngineHarness h, WebhookOutcome outcome) {
        return new Resume.CallAnswered(h.active().orElseThrow().awaitedCall(), outcome);
    }

    @Test
    void aWebhookPausesTheRunAndQueuesTheCallRenderedWithNothingAfterItRun() {
        EngineHarness h = harness(webhookFlow());
        Sprint s = h.start(h.flows.get(WEBHOOK_FLOW), "hi", h.messageId());

        assertEquals(List.of("Looking it up"), s.messages().stream().map(OutboundMessage::text).toList());
        assertEquals(1, s.calls().size());
        WebhookCall call = s.calls().get(0);
        assertEquals("POST", call.request().method());
        assertEquals("https://example.org/Asha?x=1", call.request().url());
        assertEquals(Map.of("Authorization", "Token t0k"), call.request().headers());
        assertEquals("{\"name\":\"Asha\"}", call.request().body());
        assertEquals("w1", call.actionUuid());
        assertEquals(call.id(), h.active().orElseThrow().awaitedCall());

        Run run = h.active().orElseThrow();
        assertEquals(call.runId(), run.id());
        assertTrue(run.waiting());
        assertFalse(run.awaitsReply(), "a paused run waits for no reply");
        assertEquals("w1", run.pausedAction());
        assertNull(run.timeoutAt(), "a webhook's pause has no delay: its call ends it");
        assertNull(h.contact.fields().get("after_call"), "the node's actions after the call wait for its outcome");
    }

    @Test
    void success_savesTheAnswersFieldsAndJsonThenRunsTheRestOfTheNodeAndRoutesSuccess() {
        EngineHarness h = harness(webhookFlow());
        h.start(h.flows.get(WEBHOOK_FLOW), "hi", h.messageId());
        String json = "{\"plan\":{\"name\":\"Gold\"},\"ok\":true}";
        Sprint s = h.resume(answer(h, WebhookOutcome.success(200, json,
                Map.of("plan", "{\"name\":\"Gold\"}", "plan.name", "Gold", "ok", "true"))), NOW.plusSeconds(2));

        assertEquals(List.of("Your plan: Gold (200)"), s.messages().stream().map(OutboundMessage::text).toList());
        Run run = s.runs().get(0);
        assertEquals(RunStatus.COMPLETED, run.status());
        RunResult result = run.results().get("webhook");
        assertEquals("Success", result.category());
        assertEquals("200", result.value());
        assertEquals("POST https://example.org/@contact.name?x=1", result.input(), "the url as written: no token");
        assertEquals(json, run.webhook());
        assertEquals("Success", h.contact.fields().get("after_call"), "@input after a call is its category");
    }

    @Test
    void failure_routesFailureWithTheStatusRecorded() {
        EngineHarness h = harness(webhookFlow());
        h.start(h.flows.get(WEBHOOK_FLOW), "hi", h.messageId());
        Sprint s = h.resume(answer(h, WebhookOutcome.failed(503, "status")), NOW.plusSeconds(2));
        assertEquals(List.of("Sorry (503)"), s.messages().stream().map(OutboundMessage::text).toList());
        assertEquals("Failure", s.runs().get(0).results().get("webhook").category());
        assertNull(s.runs().get(0).webhook());

        EngineHarness timedOut = harness(webhookFlow());
        timedOut.start(timedOut.flows.get(WEBHOOK_FLOW), "hi", timedOut.messageId());
        Sprint t = timedOut.resume(answer(timedOut, WebhookOutcome.failed(0, "timeout")),
                NOW.plusSeconds(11));
        assertEquals(List.of("Sorry (timeout)"), t.messages().stream().map(OutboundMessage::text).toList());
    }

    @Test
    void aRunIsResumedOnce_andOnlyByItsOwnCall() {
        EngineHarness h = harness(webhookFlow());
        h.start(h.flows.get(WEBHOOK_FLOW), "hi", h.messageId());
        Sprint other = h.resume(new Resume.CallAnswered(UUID.randomUUID(), WebhookOutcome.failed(0, "timeout")),
                NOW.plusSeconds(1));
        assertTrue(other.runs().isEmpty() && other.messages().isEmpty());
        assertTrue(h.active().orElseThrow().waiting());

        Sprint reply = h.reply("hello?", h.messageId());
        assertTrue(reply.runs().isEmpty() && reply.messages().isEmpty(), "a reply does not wake a paused run");
        Sprint posted = h.resume(new Resume.ResultPosted(WebhookOutcome.success(200, "{}", Map.of())),
                NOW.plusSeconds(1));
        assertTrue(posted.runs().isEmpty(), "a posted result does not end a webhook's pause");
        Sprint delay = h.resume(new Resume.Timeout(), NOW.plusSeconds(1));
        assertTrue(delay.runs().isEmpty(), "nor does a timeout");

        assertEquals(1, h.resume(answer(h, WebhookOutcome.failed(500, "status")),
                NOW.plusSeconds(2)).messages().size());
        // the run completed; the same answer again (a second delivery of the outcome) finds no paused run
        assertTrue(h.active().isEmpty());
    }

    @Test
    void waitForTime_pausesForItsDelayThenGoesOn() {
        Flow f = flow(flowUuid(61),
                node("first", "later", sendMsg("s1", "Now"), new WaitForTime("t1", 90)),
                node("later", null, sendMsg("s2", "Later")));
        EngineHarness h = harness(f);
        Sprint s = h.start(f, "hi", h.messageId());
        assertEquals(1, s.messages().size());
        assertTrue(s.calls().isEmpty());
        Run run = h.active().orElseThrow();
        assertEquals(NOW.plusSeconds(90), run.timeoutAt());
        assertFalse(run.awaitsReply());

        assertTrue(h.reply("hello", h.messageId()).runs().isEmpty(), "a message does not end the wait");
        Sprint later = h.resume(new Resume.Timeout(), NOW.plusSeconds(90));
        assertEquals(List.of("Later"), later.messages().stream().map(OutboundMessage::text).toList());
        assertEquals(RunStatus.COMPLETED, later.runs().get(0).status());
    }

    @Test
    void waitForTime_longerThanTheFlowsExpiry_movesTheExpiryPastIt() {
        long twoWeeks = Duration.ofDays(14).toSeconds();
        Flow f = flow(flowUuid(62), node("first", null, new WaitForTime("t1", twoWeeks)));
        EngineHarness h = harness(f);
        h.start(f, "hi", h.messageId());
        Run run = h.active().orElseThrow();
        assertTrue(run.expiresAt().isAfter(run.timeoutAt()));
    }

    /** Glific's wait_for_result node: the action, then a switch on @input.text with one category. */
    private static Flow resultFlow() {
        Node waiting = switchOn("wait", "@input.text").actions(new WaitForResult("r1", 600, null))
                .when(new TextTest(TextTest.Mode.ONLY_TEXT, "Failure"), "Failure", "late")
                .other("answer").build();
        return flow(flowUuid(63), waiting,
                node("answer", null, sendMsg("s1", "Result: @results.response.message")),
                node("late", null, sendMsg("s2", "No result (@results.response.category)")));
    }

    @Test
    void waitForResult_aPostedResultResumesWithItsFields() {
        Flow f = resultFlow();
        EngineHarness h = harness(f);
        h.start(f, "hi", h.messageId());
        Run run = h.active().orElseThrow();
        assertEquals(NOW.plusSeconds(600), run.timeoutAt());
        assertEquals("r1", run.pausedAction());

        Sprint s = h.resume(new Resume.ResultPosted(WebhookOutcome.success(200, "{\"message\":\"done\"}",
                Map.of("message", "done"))), NOW.plusSeconds(5));
        assertEquals(List.of("Result: done"), s.messages().stream().map(OutboundMessage::text).toList());
        assertTrue(h.active().isEmpty(), "the run went on: a second post finds nothing paused");
    }

    @Test
    void waitForResult_itsDelayPassingIsFailure() {
        Flow f = resultFlow();
        EngineHarness h = harness(f);
        h.start(f, "hi", h.messageId());
        Sprint s = h.resume(new Resume.Timeout(), NOW.plusSeconds(600));
        assertEquals(List.of("No result (Failure)"), s.messages().stream().map(OutboundMessage::text).toList());
        assertTrue(h.active().isEmpty());
    }

    @Test
    void aPausedRunIsInterruptedByAnotherFlowAndItsLateAnswerChangesNothing() {
        Flow f = webhookFlow();
        EngineHarness h = harness(f);
        h.start(f, "hi", h.messageId());
        Run paused = h.active().orElseThrow();
        h.start(flow(flowUuid(64), node("n", null, sendMsg("x", "other"))), "other", h.messageId());
        assertEquals(RunStatus.INTERRUPTED, paused.status());
        assertNull(paused.pausedAction());
        assertTrue(h.active().isEmpty());
    }
}
