package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.effect.Recipients;

import java.util.List;

/**
 * goflow's {@code send_broadcast}: the message (text, quick replies, attachments or a template, rendered in this
 * run as goflow renders it) for each listed contact, URN and group member. Nothing is sent in this sprint: the
 * broadcast is queued with it and each recipient gets it later, in a transaction of its own, through the send
 * policy as that recipient's consent stands (an opted-out recipient gets nothing). The run goes on at once.
 */
public record SendBroadcast(String uuid, SendMsg message, RecipientList recipients) implements Action {
    @Override
    public boolean execute(Step step) {
        Recipients resolved = recipients.resolve(step);
        List<Outreach.Part> parts = message.messages(step);
        if (resolved.none() || parts.isEmpty()) return true;
        step.effect(new Outreach(step.newId(), new Outreach.Broadcast(parts), resolved, step.contact().phone(),
                step.run().flowUuid(), step.run().id(), step.now()));
        return true;
    }
}
