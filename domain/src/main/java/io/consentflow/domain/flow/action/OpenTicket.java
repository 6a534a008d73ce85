package io.consentflow.domain.flow.action;

import io.consentflow.domain.flow.effect.Ticket;
import io.consentflow.domain.flow.run.RunResult;

/**
 * goflow's and Glific's {@code open_ticket}: a ticket for staff with the topic, the rendered body and the assignee
 * the flow names, saved with the sprint. The result {@code resultName} (the editor writes {@code result}) gets the
 * ticket's id with category {@code Success}, on which the node's router routes.
 */
public record OpenTicket(String uuid, String topic, String body, String assignee, String resultName)
        implements Action {
    public static final String SUCCESS = "Success";

    @Override
    public boolean execute(Step step) {
        Ticket ticket = new Ticket(step.newId(), step.contact().phone(), step.run().flowUuid(), step.run().id(),
                topic, step.render(body == null ? "" : body), assignee, step.now());
        step.effect(ticket);
        if (resultName != null && !resultName.isBlank()) {
            step.run().saveResult(new RunResult(resultName, ticket.id().toString(), SUCCESS, ticket.body(),
                    step.run().nodeUuid(), step.now()));
        }
        return true;
    }
}
