package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbiMessages implements Messages {
    private static final String INSERT = "INSERT INTO messages (" + MessageRow.COLUMNS + ") VALUES (:id, :phone, "
            + ":direction, :type, :text, CAST(:content AS jsonb), :provider, :providerId, :status, :flowUuid, "
            + ":reason, :at)";
    /** ON CONFLICT turns a duplicate into "0 rows" instead of an error, so the caller's transaction goes on. */
    private static final String INSERT_INBOUND = INSERT
            + " ON CONFLICT (provider, provider_id) WHERE direction = 'inbound' DO NOTHING";
    private static final String SELECT = "SELECT " + MessageRow.COLUMNS + " FROM messages";

    private final Database db;

    JdbiMessages(Database db) {
        this.db = db;
    }

    @Override
    public boolean recordInbound(Message inbound) {
        if (inbound.direction() != Direction.INBOUND) throw new IllegalArgumentException("not an inbound message");
        if (inbound.provider() == null || inbound.providerId() == null) {
            throw new IllegalArgumentException("an inbound message needs its provider and provider id (dedupe key)");
        }
        MessageRow row = RowMapping.INSTANCE.toRow(inbound);
        return db.withHandle(h -> bind(h.createUpdate(INSERT_INBOUND), row).execute() == 1);
    }

    @Override
    public void addOutbound(List<Message> outbound) {
        if (outbound.isEmpty()) return;
        for (Message m : outbound) {
            if (m.direction() != Direction.OUTBOUND) throw new IllegalArgumentException("not an outbound message");
        }
        db.useHandle(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (Message m : outbound) bind(batch, RowMapping.INSTANCE.toRow(m)).add();
            batch.execute();
        });
    }

    @Override
    public Optional<Message> find(UUID id) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> MessageRow.read(rs)).findOne().map(RowMapping.INSTANCE::toMessage));
    }

    @Override
    public Optional<Message> findByProviderId(String provider, String providerId, String altProviderId) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE direction = 'outbound' AND provider = :provider"
                        + " AND provider_id IN (:id, :alt) ORDER BY seq LIMIT 1")
                .bind("provider", provider).bind("id", providerId)
                .bind("alt", altProviderId == null ? providerId : altProviderId)
                .map((rs, ctx) -> MessageRow.read(rs)).findOne().map(RowMapping.INSTANCE::toMessage));
    }

    @Override
    public void updateStatus(UUID id, MessageStatus status, String reason) {
        db.useHandle(h -> h.createUpdate("UPDATE messages SET status = :status, reason = :reason WHERE id = :id")
                .bind("status", status.wire()).bind("reason", reason).bind("id", id).execute());
    }

    /** In the order they were stored: a provider's clock must not put a reply before the message it answers. */
    @Override
    public List<Message> ofContact(Phone phone) {
        return db.withHandle(h -> h.createQuery(SELECT + " WHERE phone = :phone ORDER BY seq")
                .bind("phone", phone.digits())
                .map((rs, ctx) -> RowMapping.INSTANCE.toMessage(MessageRow.read(rs))).list());
    }

    private static <S extends SqlStatement<S>> S bind(S statement, MessageRow row) {
        return statement.bind("id", row.id()).bind("phone", row.phone()).bind("direction", row.direction())
                .bind("type", row.type()).bind("text", row.text()).bind("content", row.content())
                .bind("provider", row.provider()).bind("providerId", row.providerId())
                .bind("status", row.status()).bind("flowUuid", row.flowUuid()).bind("reason", row.reason())
                .bind("at", Times.utc(row.at()));
    }
}
