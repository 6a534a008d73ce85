package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.effect.Outreach;
import io.consentflow.domain.flow.effect.Recipients;

/**
 * goflow's {@code start_session}: starts a flow for each listed contact, URN and group member. Queued with this
 * sprint and applied later to each recipient in a transaction of its own under that recipient's lock; the flow's
 * messages pass the send policy as for any flow (an opted-out recipient gets nothing). With {@code
 * skipContactsInAFlow} (Glific's {@code exclusions.in_a_flow}) a recipient who is in a flow is left alone. The
 * run goes on at once.
 */
public record StartSession(String uuid, String flowUuid, String flowName, RecipientList recipients,
                           boolean skipContactsInAFlow) implements Action {
    @Override
    public boolean execute(Step step) {
        Recipients resolved = recipients.resolve(step);
        if (resolved.none()) return true;
        step.effect(new Outreach(step.newId(), new Outreach.StartFlow(flowUuid, flowName, skipContactsInAFlow),
                resolved, step.contact().phone(), step.run().flowUuid(), step.run().id(), step.now()));
        return true;
    }
}
