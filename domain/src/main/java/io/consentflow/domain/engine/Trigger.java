package io.consentflow.domain.engine;

import io.consentflow.domain.message.InboundMessage;

import java.util.UUID;

/**
 * Why a flow starts: an inbound message (stored as {@code messageId}, the evidence for consent changes) or
 * nothing (started by the API or a scheduler: both null).
 */
public record Trigger(InboundMessage message, UUID messageId) {
    public static Trigger none() {
        return new Trigger(null, null);
    }
}
