package io.consentflow.domain.flow.effect;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket a flow opened for staff ({@code open_ticket}): who asked, from which flow and run, about what.
 *
 * @param topic    the topic's name as the flow names it (Glific's "Query", "General"...)
 * @param body     the rendered body, what the contact needs
 * @param assignee the staff member the flow names (an e-mail or id as the flow writes it), or null
 */
public record Ticket(UUID id, Phone phone, String flowUuid, UUID runId, String topic, String body, String assignee,
                     Instant openedAt) implements Effect {
    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(openedAt, "openedAt");
        topic = topic == null ? "" : topic;
        body = body == null ? "" : body;
    }
}
