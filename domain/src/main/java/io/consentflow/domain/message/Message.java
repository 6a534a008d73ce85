package io.consentflow.domain.message;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A stored message, inbound or outbound.
 *
 * @param providerId the provider's id (inbound: dedupe key; outbound: set once the provider accepted it)
 * @param content    for outbound messages what is sent (text, buttons, list, template); null for inbound
 * @param flowUuid   the flow that produced an outbound message, if any
 * @param reason     why the send policy refused it (status {@code refused}), or a provider error
 * @param runId      the run that produced an outbound message; null for API sends and inbound messages
 * @param optinAsk   produced by the opt-in flow, which may message an opted-out contact (the opt-in exception):
 *                   when it leaves, the exception is checked again against its run and the contact's consent
 */
public record Message(UUID id, Phone phone, Direction direction, MessageType type, String text, OutboundContent content,
                      String provider, String providerId, MessageStatus status, String flowUuid, String reason,
                      Instant at, UUID runId, boolean optinAsk) {
    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    public static Message inbound(UUID id, InboundMessage in) {
        return new Message(id, in.phone(), Direction.INBOUND, in.type(), in.text(), null, in.provider(),
                in.providerId(), MessageStatus.RECEIVED, null, null, in.at(), null, false);
    }
}
