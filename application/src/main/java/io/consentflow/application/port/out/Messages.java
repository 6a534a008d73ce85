package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored inbound and outbound messages, read as they are committed. They are written through {@link Conversations}. */
public interface Messages {
    Optional<Message> find(UUID id);

    /** An outbound message by the id its provider gave it ({@code altProviderId}: a second id, e.g. Gupshup's gsId). */
    Optional<OutboundMessage> findByProviderId(String provider, String providerId, String altProviderId);

    /** Oldest first. */
    List<Message> ofContact(Phone phone);

    /**
     * The contact's newest {@code limit} messages, oldest first: a page that shows a conversation reads only its end,
     * however long it is.
     */
    default List<Message> latestOfContact(Phone phone, int limit) {
        List<Message> all = ofContact(phone);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }
}
