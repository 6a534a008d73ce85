package io.consentflow.application.service;

import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.engine.Trigger;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import io.consentflow.domain.policy.InboundDecision;
import io.consentflow.domain.policy.InboundPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One inbound message end to end, in one transaction: open the sender's conversation (its contact locked or
 * created, the message recorded unless it is a duplicate, its unfinished runs), decide, run the engine, and save the
 * contact, runs and replies.
 */
public final class InboundMessageService implements ReceiveMessageUseCase {
    private final Conversations conversations;
    private final FlowCatalog catalog;
    private final InboundPolicy policy;
    private final EngineFactory engines;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final Telemetry telemetry;

    public InboundMessageService(Conversations conversations, FlowCatalog catalog, InboundPolicy policy,
                                 EngineFactory engines, Clock clock, Supplier<UUID> ids, Telemetry telemetry) {
        this.conversations = conversations;
        this.catalog = catalog;
        this.policy = policy;
        this.engines = engines;
        this.clock = clock;
        this.ids = ids;
        this.telemetry = telemetry;
    }

    @Override
    public Receipt receive(InboundMessage in) {
        UUID messageId = ids.get();
        Outcome outcome = conversations.inbound(ReceivedMessage.of(messageId, in), in.senderName(), clock.instant(),
                        conversation -> apply(in, messageId, conversation))
                .orElseGet(() -> new Outcome(new Receipt(true, null, "duplicate"), null, List.of(), List.of()));
        telemetry.inbound(in, outcome.receipt().duplicate());
        if (outcome.startedFlow() != null) telemetry.flowStarted(outcome.startedFlow());
        outcome.consentChanges().forEach(telemetry::consentChanged);
        outcome.sent().stream().filter(OutboundMessage::refused).forEach(m -> telemetry.sendRefused(m.refusal()));
        return outcome.receipt();
    }

    /** What one message did, for telemetry after the commit. */
    private record Outcome(Receipt receipt, String startedFlow, List<ConsentChange> consentChanges,
                           List<OutboundMessage> sent) {
    }

    private Conversations.Turn<Outcome> apply(InboundMessage in, UUID messageId, Conversation conversation) {
        // Taken once the contact is locked, so consent changes and replies are timed after whatever held the lock.
        Instant now = clock.instant();
        Contact contact = conversation.contact();
        boolean first = contact.lastInboundAt() == null;
        // A provider clock ahead of ours must not stretch the session window.
        contact.receivedInbound(in.at().isAfter(now) ? now : in.at(), in.senderName());

        FlowCatalog.Snapshot flows = catalog.current();
        List<Run> unfinished = conversation.unfinishedRuns();
        Optional<Run> active = unfinished.stream().findFirst().filter(r -> r.status() == RunStatus.ACTIVE);
        Optional<Flow> activeFlow = active.flatMap(r -> flows.flow(r.flowUuid()));
        InboundDecision decision = policy.decide(contact, first, in.text(), active, activeFlow,
                flows.keywords(), flows.roles());

        Session session = new Session(contact, unfinished, flows.roles().optin().map(Flow::uuid).orElse(null));
        FlowEngine engine = engines.engine(flows);
        Sprint sprint;
        String what;
        if (decision instanceof InboundDecision.StartFlow start) {
            sprint = engine.start(start.flow(), session, new Trigger(in, messageId), now);
            what = "started " + start.flow().name() + " (" + start.why() + ")";
        } else if (decision instanceof InboundDecision.ResumeRun resume) {
            sprint = engine.resume(session, new Resume.Reply(in, messageId), now);
            what = "resumed (" + resume.why() + ")";
        } else {
            sprint = new Sprint(List.of(), List.of());
            what = "ignored (" + ((InboundDecision.Ignore) decision).why() + ")";
        }
        Changes changes = Changes.of(contact).withRuns(sprint.runs()).withOutbound(sprint.messages())
                .withCalls(sprint.calls());
        String started = decision instanceof InboundDecision.StartFlow s ? s.flow().name() : null;
        return new Conversations.Turn<>(changes, new Outcome(new Receipt(false, messageId, what), started,
                changes.consentChanges(), sprint.messages()));
    }
}
