package io.consentflow.application.port.out;

import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Inbound and outbound messages. */
public interface Messages {
    /**
     * Stores an inbound message unless one with the same provider and provider id exists.
     *
     * @return false for a duplicate (nothing written)
     */
    boolean recordInbound(Message inbound);

    /** Stores outbound messages (queued or refused), in order. */
    void addOutbound(List<Message> outbound);

    Optional<Message> find(UUID id);

    /** An outbound message by the id its provider gave it ({@code altProviderId}: a second id, e.g. Gupshup's gsId). */
    Optional<Message> findByProviderId(String provider, String providerId, String altProviderId);

    /** Moves an outbound message's status (the caller has checked it only moves forwards). */
    void updateStatus(UUID id, MessageStatus status, String reason);

    /** Oldest first. */
    List<Message> ofContact(Phone phone);
}
