package io.consentflow.domain.engine;

import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.message.OutboundMessage;

import java.util.List;

/**
 * What one engine call did: every run it created or changed (to be saved; ended ones included), the outbound
 * messages it produced, in order, each either {@code QUEUED} (allowed by the send policy) or {@code REFUSED}
 * with its reason, what it asked for beyond this conversation (tickets, broadcasts and flow starts for other
 * contacts: {@link Effect}), and the webhook calls its runs paused for (queued with the rest, made after the
 * commit); all saved in the same transaction. Changes to the contact (fields, name, language, groups, consent) are
 * made on the session's {@code Contact} object itself.
 */
public record Sprint(List<Run> runs, List<OutboundMessage> messages, List<Effect> effects, List<WebhookCall> calls) {
    public Sprint {
        runs = List.copyOf(runs);
        messages = List.copyOf(messages);
        effects = List.copyOf(effects);
        calls = List.copyOf(calls);
    }

    /** A sprint that asked for nothing beyond its conversation. */
    public Sprint(List<Run> runs, List<OutboundMessage> messages) {
        this(runs, messages, List.of(), List.of());
    }
}
