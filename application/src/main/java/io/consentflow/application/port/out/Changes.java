package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.message.OutboundMessage;

import java.util.ArrayList;
import java.util.List;

/**
 * What one step of a conversation produced, to be saved together: the contact's state (null: unchanged) with the
 * consent changes it handed out, the runs created or changed, the outbound messages in order, status changes of
 * stored messages, and what the flows asked for beyond this conversation (tickets, work queued for other contacts).
 */
public record Changes(Contact contact, List<ConsentChange> consentChanges, List<Run> runs, List<OutboundMessage> outbound,
                      List<StatusChange> statuses, List<Effect> effects) {
    public Changes {
        consentChanges = List.copyOf(consentChanges);
        runs = List.copyOf(runs);
        outbound = List.copyOf(outbound);
        statuses = List.copyOf(statuses);
        effects = List.copyOf(effects);
        if (contact == null && !consentChanges.isEmpty()) {
            throw new IllegalArgumentException("consent changes are saved with their contact");
        }
    }

    public Changes(Contact contact, List<ConsentChange> consentChanges, List<Run> runs, List<OutboundMessage> outbound,
                   List<StatusChange> statuses) {
        this(contact, consentChanges, runs, outbound, statuses, List.of());
    }

    public static Changes none() {
        return new Changes(null, List.of(), List.of(), List.of(), List.of());
    }

    /** The contact's state and the consent changes it has not handed out yet (it hands them out here, once). */
    public static Changes of(Contact contact) {
        return new Changes(contact, contact.drainConsentChanges(), List.of(), List.of(), List.of());
    }

    public Changes withRuns(List<Run> more) {
        return new Changes(contact, consentChanges, concat(runs, more), outbound, statuses, effects);
    }

    public Changes withOutbound(List<OutboundMessage> more) {
        return new Changes(contact, consentChanges, runs, concat(outbound, more), statuses, effects);
    }

    public Changes withStatus(StatusChange status) {
        return new Changes(contact, consentChanges, runs, outbound, concat(statuses, List.of(status)), effects);
    }

    public Changes withEffects(List<Effect> more) {
        return new Changes(contact, consentChanges, runs, outbound, statuses, concat(effects, more));
    }

    /** The runs, messages and effects of a sprint. */
    public Changes withSprint(Sprint sprint) {
        return new Changes(contact, consentChanges, concat(runs, sprint.runs()), concat(outbound, sprint.messages()),
                statuses, concat(effects, sprint.effects()));
    }

    public boolean isEmpty() {
        return contact == null && runs.isEmpty() && outbound.isEmpty() && statuses.isEmpty() && effects.isEmpty();
    }

    private static <E> List<E> concat(List<E> a, List<? extends E> b) {
        if (b.isEmpty()) return a;
        List<E> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
