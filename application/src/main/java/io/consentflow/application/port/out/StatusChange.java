package io.consentflow.application.port.out;

import io.consentflow.domain.message.MessageStatus;

import java.util.Objects;
import java.util.UUID;

/**
 * A stored outbound message moves to {@code status} (the caller checked that it moves forwards), with the
 * provider's words for a failure (null for none).
 */
public record StatusChange(UUID messageId, MessageStatus status, String failure) {
    public StatusChange {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
    }
}
