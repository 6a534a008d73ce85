package io.consentflow.domain.message;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An inbound message as stored, under our id. Its status is always received.
 *
 * @param provider   {@code gupshup} or {@code meta}: with {@code providerId} the key for dropping retried deliveries
 * @param text       what a flow sees as {@code @input.text}
 * @param media      the picture, sound, video or document it carried; null for none
 */
public record ReceivedMessage(UUID id, Phone phone, MessageType type, String text, String provider,
                              String providerId, Instant at, Media media) implements Message {
    public ReceivedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(at, "at");
    }

    /** A message without media. */
    public ReceivedMessage(UUID id, Phone phone, MessageType type, String text, String provider, String providerId,
                           Instant at) {
        this(id, phone, type, text, provider, providerId, at, null);
    }

    /** What the provider delivered, stored as {@code id}. */
    public static ReceivedMessage of(UUID id, InboundMessage in) {
        return new ReceivedMessage(id, in.phone(), in.type(), in.text(), in.provider(), in.providerId(), in.at(),
                in.media());
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public MessageStatus status() {
        return MessageStatus.RECEIVED;
    }
}
