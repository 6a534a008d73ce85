package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.message.MessageStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox over the messages table. A claim is one statement in its own transaction: it picks each contact's
 * oldest queued message that is due and not leased, skipping rows another instance holds (SKIP LOCKED), and
 * leases them; so two instances never send the same message and one contact's messages go out in order.
 */
final class JdbiOutbox implements Outbox {
    private static final String CLAIM = """
            WITH due AS (
                SELECT m.id FROM messages m
                WHERE m.status = 'queued'
                  AND (m.not_before IS NULL OR m.not_before <= :now)
                  AND (m.claimed_until IS NULL OR m.claimed_until <= :now)
                  AND NOT EXISTS (SELECT 1 FROM messages o
                                  WHERE o.status = 'queued' AND o.phone = m.phone AND o.seq < m.seq)
                ORDER BY m.seq
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE messages SET claimed_until = :until
            WHERE id IN (SELECT id FROM due)
            RETURNING %s, attempts
            """.formatted(MessageRow.COLUMNS);

    private final Database db;

    JdbiOutbox(Database db) {
        this.db = db;
    }

    @Override
    public List<Claimed> claim(Instant now, Duration lease, int limit) {
        return db.withHandle(h -> h.inTransaction(tx -> tx.createQuery(CLAIM)
                .bind("now", Times.utc(now)).bind("until", Times.utc(now.plus(lease))).bind("limit", limit)
                .map((rs, ctx) -> new Claimed(RowMapping.INSTANCE.toMessage(MessageRow.read(rs)), rs.getInt("attempts")))
                .list()));
    }

    @Override
    public void accepted(UUID id, String provider, String providerId, Instant at) {
        db.useHandle(h -> h.createUpdate("UPDATE messages SET status = :status, provider = :provider, "
                        + "provider_id = :providerId, claimed_until = NULL, last_error = NULL "
                        + "WHERE id = :id AND status = 'queued'")
                .bind("status", MessageStatus.ENQUEUED.wire()).bind("provider", provider)
                .bind("providerId", providerId).bind("id", id).execute());
    }

    @Override
    public void retryLater(UUID id, Instant notBefore, String error) {
        db.useHandle(h -> h.createUpdate("UPDATE messages SET attempts = attempts + 1, not_before = :notBefore, "
                        + "claimed_until = NULL, last_error = :error WHERE id = :id AND status = 'queued'")
                .bind("notBefore", Times.utc(notBefore)).bind("error", error).bind("id", id).execute());
    }

    @Override
    public void failed(UUID id, String reason, Instant at) {
        db.useHandle(h -> h.createUpdate("UPDATE messages SET status = :status, reason = :reason, "
                        + "attempts = attempts + 1, claimed_until = NULL WHERE id = :id AND status = 'queued'")
                .bind("status", MessageStatus.FAILED.wire()).bind("reason", reason).bind("id", id).execute());
    }

    @Override
    public long depth() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE status = 'queued'")
                .mapTo(Long.class).one());
    }
}
