package io.consentflow.application.port.out;

import io.consentflow.domain.message.MessageStatus;

import java.util.Objects;
import java.util.UUID;

/**
 * A stored outbound message moves to {@code status} (the caller checked that it moves forwards), with the reason
 * kept with it: a provider's words for a failure, or the reason it had.
 */
public record StatusChange(UUID messageId, MessageStatus status, String reason) {
    public StatusChange {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
    }
}
