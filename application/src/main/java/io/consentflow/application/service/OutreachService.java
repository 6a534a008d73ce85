package io.consentflow.application.service;

import io.consentflow.application.port.in.DeliverOutreachUseCase;
import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Contacts;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.OutreachQueue;
import io.consentflow.application.port.out.Telemetry;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.engine.OutreachDelivery;
import io.consentflow.domain.engine.Session;
import io.consentflow.domain.flow.Flow;
import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.policy.SendPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Applies the broadcasts and flow starts flows queued for other contacts. The sender's transaction only queued
 * them; here each recipient is handled in a transaction of its own, under that recipient's lock ({@link
 * Conversations}), and taken from the queue in that same transaction, so nobody gets the work twice and the sender
 * never waits on, or locks, anyone else. A recipient's messages pass the send policy as its consent stands then.
 */
public final class OutreachService implements DeliverOutreachUseCase {
    private final OutreachQueue queue;
    private final Contacts contacts;
    private final Conversations conversations;
    private final FlowCatalog catalog;
    private final EngineFactory engines;
    private final OutreachDelivery delivery;
    private final Clock clock;
    private final Telemetry telemetry;

    public OutreachService(OutreachQueue queue, Contacts contacts, Conversations conversations, FlowCatalog catalog,
                           EngineFactory engines, SendPolicy sendPolicy, Supplier<UUID> ids, Clock clock,
                           Telemetry telemetry) {
        this.queue = queue;
        this.contacts = contacts;
        this.conversations = conversations;
        this.catalog = catalog;
        this.engines = engines;
        this.delivery = new OutreachDelivery(sendPolicy, ids);
        this.clock = clock;
        this.telemetry = telemetry;
    }

    @Override
    public int deliverDue(int limit) {
        for (Outreach outreach : queue.unlisted(limit)) {
            Set<Phone> phones = new LinkedHashSet<>(outreach.recipients().phones());
            for (String group : outreach.recipients().groups()) phones.addAll(contacts.phonesInGroup(group));
            queue.list(outreach.id(), phones, clock.instant());
        }
        int done = 0;
        for (OutreachQueue.Pending pending : queue.pending(limit)) {
            List<OutboundMessage> sent = conversations.lockOrCreate(pending.phone(), null, clock.instant(),
                    conversation -> apply(pending, conversation));
            sent.stream().filter(OutboundMessage::refused).forEach(m -> telemetry.sendRefused(m.refusal()));
            done++;
        }
        return done;
    }

    private Conversations.Turn<List<OutboundMessage>> apply(OutreachQueue.Pending pending, Conversation conversation) {
        // after the lock: what the recipient gets is judged on its consent as it stands now
        Instant now = clock.instant();
        Outreach outreach = pending.outreach();
        Contact contact = conversation.contact();
        FlowCatalog.Snapshot flows = catalog.current();
        OutreachDelivery.Delivered delivered;
        if (outreach.work() instanceof Outreach.Broadcast b) {
            delivered = delivery.broadcast(contact, outreach, b, now);
        } else {
            Outreach.StartFlow s = (Outreach.StartFlow) outreach.work();
            Session session = new Session(contact, conversation.unfinishedRuns(),
                    flows.roles().optin().map(Flow::uuid).orElse(null));
            delivered = delivery.startFlow(engines.engine(flows), session, s, flows.flow(s.flowUuid()), now);
        }
        if (!queue.take(outreach.id(), pending.phone(), delivered.outcome(), now)) {
            return new Conversations.Turn<>(Changes.none(), List.of()); // done meanwhile: nothing twice
        }
        Changes changes = Changes.of(contact).withSprint(delivered.sprint());
        return new Conversations.Turn<>(changes, delivered.sprint().messages());
    }
}
