package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.engine.Sprint;
import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.message.OutboundMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What one step of a conversation produced, to be saved together: the contact's state (null: unchanged) with the
 * consent changes it handed out, the runs created or changed, the outbound messages in order, status changes of
 * stored messages, what the flows asked for beyond this conversation (tickets, work queued for other contacts), the
 * webhook calls to queue ({@code calls}, made after the commit) and the ids of queued calls whose outcome this step
 * applied ({@code callsDone}: marked done in the same commit, so an outcome resumes its run once).
 */
public record Changes(Contact contact, List<ConsentChange> consentChanges, List<Run> runs, List<OutboundMessage> outbound,
                      List<StatusChange> statuses, List<Effect> effects, List<WebhookCall> calls,
                      List<UUID> callsDone) {
    public Changes {
        consentChanges = List.copyOf(consentChanges);
        runs = List.copyOf(runs);
        outbound = List.copyOf(outbound);
        statuses = List.copyOf(statuses);
        effects = List.copyOf(effects);
        calls = List.copyOf(calls);
        callsDone = List.copyOf(callsDone);
        if (contact == null && !consentChanges.isEmpty()) {
            throw new IllegalArgumentException("consent changes are saved with their contact");
        }
    }

    /** Changes that ask for nothing beyond the conversation. */
    public Changes(Contact contact, List<ConsentChange> consentChanges, List<Run> runs, List<OutboundMessage> outbound,
                   List<StatusChange> statuses) {
        this(contact, consentChanges, runs, outbound, statuses, List.of(), List.of(), List.of());
    }

    public static Changes none() {
        return new Changes(null, List.of(), List.of(), List.of(), List.of());
    }

    /** The contact's state and the consent changes it has not handed out yet (it hands them out here, once). */
    public static Changes of(Contact contact) {
        return new Changes(contact, contact.drainConsentChanges(), List.of(), List.of(), List.of());
    }

    public Changes withRuns(List<Run> more) {
        return new Changes(contact, consentChanges, concat(runs, more), outbound, statuses, effects, calls, callsDone);
    }

    public Changes withOutbound(List<OutboundMessage> more) {
        return new Changes(contact, consentChanges, runs, concat(outbound, more), statuses, effects, calls, callsDone);
    }

    public Changes withStatus(StatusChange status) {
        return new Changes(contact, consentChanges, runs, outbound, concat(statuses, List.of(status)), effects, calls,
                callsDone);
    }

    public Changes withEffects(List<Effect> more) {
        return new Changes(contact, consentChanges, runs, outbound, statuses, concat(effects, more), calls, callsDone);
    }

    /** Webhook calls to queue with these changes. */
    public Changes withCalls(List<WebhookCall> more) {
        return new Changes(contact, consentChanges, runs, outbound, statuses, effects, concat(calls, more), callsDone);
    }

    /** A queued call whose outcome these changes applied (or that has nothing left to resume). */
    public Changes withCallDone(UUID callId) {
        return new Changes(contact, consentChanges, runs, outbound, statuses, effects, calls,
                concat(callsDone, List.of(callId)));
    }

    /** The runs, messages, effects and webhook calls of a sprint. */
    public Changes withSprint(Sprint sprint) {
        return new Changes(contact, consentChanges, concat(runs, sprint.runs()), concat(outbound, sprint.messages()),
                statuses, concat(effects, sprint.effects()), concat(calls, sprint.calls()), callsDone);
    }

    public boolean isEmpty() {
        return contact == null && runs.isEmpty() && outbound.isEmpty() && statuses.isEmpty() && effects.isEmpty()
                && calls.isEmpty() && callsDone.isEmpty();
    }

    private static <E> List<E> concat(List<E> a, List<? extends E> b) {
        if (b.isEmpty()) return a;
        List<E> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
