package io.consentflow.domain.message;

import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a contact sent us, as the provider delivered it.
 *
 * @param provider   {@code gupshup} or {@code meta}: provider ids are unique per provider
 * @param providerId the provider's message id, the key for dropping retried deliveries
 * @param text       what a flow sees as {@code @input.text}: the text, a button's or list row's title, a caption
 * @param media      the picture, sound, video or document it carries (its URL and caption); null for none
 */
public record InboundMessage(String provider, String providerId, Phone phone, String senderName, MessageType type,
                             String text, Instant at, Media media) {
    public InboundMessage {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (providerId.isBlank()) throw new IllegalArgumentException("providerId is blank");
        text = text == null ? "" : text;
    }

    /** A message without media. */
    public InboundMessage(String provider, String providerId, Phone phone, String senderName, MessageType type,
                          String text, Instant at) {
        this(provider, providerId, phone, senderName, type, text, at, null);
    }
}
