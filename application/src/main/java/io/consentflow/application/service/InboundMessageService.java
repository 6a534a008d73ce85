package io.consentflow.application.service;

import io.consentflow.application.port.in.ReceiveMessageUseCase;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Inbox;
import io.consentflow.application.port.out.Messages;
import io.consentflow.application.port.out.Runs;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.application.port.out.TransactionRunner;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.policy.RefusalReason;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.engine.FlowEngine;
import io.consentflow.domain.engine.Resume;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.engine.Trigger;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.InboundMessage;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.policy.InboundDecision;
import io.consentflow.domain.policy.InboundPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One inbound message end to end, in one transaction: lock (or create) the contact so its messages apply one at
 * a time, drop a duplicate, record the message, decide, run the engine, and store the contact, runs and replies.
 */
public final class InboundMessageService implements ReceiveMessageUseCase {
    private final TransactionRunner tx;
    private final Inbox inbox;
    private final Contacts contacts;
    private final Messages messages;
    private final Runs runs;
    private final FlowCatalog catalog;
    private final InboundPolicy policy;
    private final EngineFactory engines;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final Telemetry telemetry;

    public InboundMessageService(TransactionRunner tx, Inbox inbox, Contacts contacts, Messages messages, Runs runs,
                                 FlowCatalog catalog, InboundPolicy policy, EngineFactory engines, Clock clock,
                                 Supplier<UUID> ids, Telemetry telemetry) {
        this.tx = tx;
        this.inbox = inbox;
        this.contacts = contacts;
        this.messages = messages;
        this.runs = runs;
        this.catalog = catalog;
        this.policy = policy;
        this.engines = engines;
        this.clock = clock;
        this.ids = ids;
        this.telemetry = telemetry;
    }

    @Override
    public Receipt receive(InboundMessage in) {
        Outcome outcome;
        try {
            outcome = tx.inTransaction(() -> apply(in));
        } catch (Duplicate d) {
            outcome = new Outcome(new Receipt(true, null, "duplicate"), null, List.of(), List.of());
        }
        telemetry.inbound(in, outcome.receipt().duplicate());
        if (outcome.startedFlow() != null) telemetry.flowStarted(outcome.startedFlow());
        outcome.consentChanges().forEach(telemetry::consentChanged);
        outcome.sent().stream().filter(m -> m.status() == MessageStatus.REFUSED)
                .forEach(m -> telemetry.sendRefused(RefusalReason.valueOf(m.reason().toUpperCase(Locale.ROOT))));
        return outcome.receipt();
    }

    /** What one message did, for telemetry after the commit. */
    private record Outcome(Receipt receipt, String startedFlow, List<ConsentChange> consentChanges,
                           List<Message> sent) {
    }

    /**
     * A delivery the provider made before: its transaction is rolled back, so it changes nothing at all, not even
     * the contact that admitting it created (the same provider id from another phone must not create one).
     */
    private static final class Duplicate extends RuntimeException {
        Duplicate() {
            super("duplicate delivery", null, false, false);
        }
    }

    private Outcome apply(InboundMessage in) {
        UUID messageId = ids.get();
        Inbox.Admission admission = inbox.admit(Message.inbound(messageId, in), in.senderName(), clock.instant());
        if (admission.duplicate()) throw new Duplicate();
        // Taken once the contact is locked, so consent changes and replies are timed after whatever held the lock.
        Instant now = clock.instant();
        Contact contact = admission.contact();
        boolean first = contact.lastInboundAt() == null;
        // A provider clock ahead of ours must not stretch the session window.
        contact.receivedInbound(in.at().isAfter(now) ? now : in.at(), in.senderName());

        FlowCatalog.Snapshot flows = catalog.current();
        List<Run> unfinished = runs.unfinished(in.phone());
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
        contacts.save(contact);
        if (!sprint.runs().isEmpty()) runs.saveAll(sprint.runs());
        if (!sprint.messages().isEmpty()) messages.addOutbound(sprint.messages());
        String started = decision instanceof InboundDecision.StartFlow s ? s.flow().name() : null;
        return new Outcome(new Receipt(false, messageId, what), started,
                contact.newConsentChanges(), sprint.messages());
    }
}
