package io.consentflow.domain.policy;

import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.OutboundMessage;

import java.util.Objects;

/**
 * What the outbox knows about a queued message at the moment it claims it for a provider (read with the contact
 * locked): enough to apply the send policy again when the message leaves, not only when it was queued.
 *
 * @param message   the queued message: its content, when it was queued ({@code at}), whether it is an opt-in ask
 * @param contact   the contact as it is now; null if there is no such contact (nothing to check consent against)
 * @param runStatus the current status of the run that produced an opt-in ask; null for other messages, or when
 *                  that run is gone
 */
public record QueuedSend(OutboundMessage message, Contact contact, RunStatus runStatus) {
    public QueuedSend {
        Objects.requireNonNull(message, "message");
    }
}
