package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.OutboundMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Stored messages as committed; {@link JdbiConversations} writes them, {@link JdbiOutbox} sends them. */
final class JdbiMessages implements Messages {
    private static final String SELECT = "SELECT " + MessageRow.COLUMNS + " FROM messages";

    private final Database db;

    JdbiMessages(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Message> find(UUID id) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .mapTo(Message.class).findOne());
    }

    @Override
    public Optional<OutboundMessage> findByProviderId(String provider, String providerId, String altProviderId) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE direction = 'outbound' AND provider = :provider"
                        + " AND provider_id IN (:id, :alt) ORDER BY seq LIMIT 1")
                .bind("provider", provider).bind("id", providerId)
                .bind("alt", altProviderId == null ? providerId : altProviderId)
                .mapTo(OutboundMessage.class).findOne());
    }

    /** In the order they were stored: a provider's clock must not put a reply before the message it answers. */
    @Override
    public List<Message> ofContact(Phone phone) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE phone = :phone ORDER BY seq")
                .bind("phone", phone.digits())
                .mapTo(Message.class).list());
    }

    /** Walks the contact's {@code (phone, seq)} index backwards and stops at the limit: cheap however long. */
    @Override
    public List<Message> latestOfContact(Phone phone, int limit) {
        List<Message> newestFirst = db.withHandle(h -> h.createQuery(SELECT
                        + " WHERE phone = :phone ORDER BY seq DESC LIMIT :limit")
                .bind("phone", phone.digits()).bind("limit", limit)
                .mapTo(Message.class).list());
        List<Message> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}
