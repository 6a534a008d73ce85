package io.consentflow.application.service;

import io.consentflow.domain.flow.StoredFlow;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.fixtures.TestFlows;
import io.consentflow.domain.flow.run.EndReason;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.MessageType;
import io.consentflow.domain.policy.InboundPolicy;
import io.consentflow.domain.policy.OrgSettings;
import io.consentflow.domain.policy.SendPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DueWaitsServiceTest {
    static final String FLOW = "11111111-1111-4111-8111-111111111111";
    final Phone phone = Phone.parse("919812345678");
    final InMemory db = new InMemory();
    final MovingClock clock = new MovingClock();
    InboundMessageService inbound;
    DueWaitsService due;

    /** The inbound and due-waits services on one in-memory store, with {@code flow} stored as {@link #FLOW}. */
    void serve(io.consentflow.domain.flow.Flow flow) {
        db.flows.put(FLOW, new StoredFlow(flow, "{}", Instant.EPOCH));
        FlowCatalog catalog = new FlowCatalog(db.flowPort, db.settingsPort);
        EngineFactory engines = new EngineFactory(new SendPolicy(), UUID::randomUUID, new java.util.SplittableRandom(1));
        inbound = new InboundMessageService(db.conversations, catalog, new InboundPolicy(), engines, clock,
                UUID::randomUUID, io.consentflow.application.port.out.Telemetry.NONE);
        due = new DueWaitsService(db.conversations, db.runPort, catalog, engines, clock);
    }

    void receive(String text) {
        inbound.receive(new InboundMessage("gupshup", "m1", phone, "Asha", MessageType.TEXT, text, clock.now));
    }

    @Test
    void aTimeoutFiresOnceAndTakesTheNoResponseCategory() {
        db.settings = new OrgSettings(null, FLOW);
        serve(TestFlows.consentFlow(FLOW, "optin", "optin"));
        receive("Hi");

        assertEquals(0, due.fireDue(10), "not due yet");
        clock.now = clock.now.plusSeconds(61);
        assertEquals(1, due.fireDue(10));
        assertEquals(RunStatus.COMPLETED, db.runs.values().iterator().next().status());
        assertEquals("No Response", db.runs.values().iterator().next().results().get("answer").category());
        assertEquals(0, due.fireDue(10), "fires once");
    }

    @Test
    void glificsOptinShapeAsksAtMostThreeTimesThenTheRunEndsAsALoop() {
        // question, wait 300 s, "No Response" back to the question: without the loop guard, a copy every 5 minutes
        // for as long as the run lives
        serve(TestFlows.glificOptin(FLOW, "optin"));
        receive("optin");

        for (int i = 0; i < 10; i++) {   // fifty minutes of timeouts
            clock.now = clock.now.plusSeconds(301);
            due.fireDue(10);
        }
        long questions = db.messages.stream().filter(m -> m.direction() == Direction.OUTBOUND).count();
        assertEquals(3, questions, "the question three times, never a fourth");
        Run run = db.runs.values().iterator().next();
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals("loop_detected", run.endReason().map(EndReason::wire).orElseThrow());
        assertEquals(0, due.fireDue(10), "nothing left to fire");
        assertEquals(3, db.contacts.get(phone).recentFlowTexts().entries().get(0).sentAt().size(),
                "the contact keeps what flows sent it, for the next sprint");
    }

    @Test
    void aTimeoutOfARunWhoseFlowWasDeactivatedBehindOurBackEndsItAndSendsNothing() {
        serve(TestFlows.glificOptin(FLOW, "optin"));
        receive("optin");
        // another instance deactivated it; its set-based update missed this run (say it was being saved meanwhile)
        StoredFlow stored = db.flows.get(FLOW);
        db.flows.put(FLOW, new StoredFlow(stored.flow().withTriggers(stored.flow().keywords(), true, false), "{}",
                Instant.EPOCH));
        db.version++;

        clock.now = clock.now.plusSeconds(301);
        assertEquals(1, due.fireDue(10));
        Run run = db.runs.values().iterator().next();
        assertEquals(RunStatus.INTERRUPTED, run.status());
        assertEquals("flow_deactivated", run.endReason().map(EndReason::wire).orElseThrow());
        assertEquals(1, db.messages.stream().filter(m -> m.direction() == Direction.OUTBOUND).count());
    }
}
