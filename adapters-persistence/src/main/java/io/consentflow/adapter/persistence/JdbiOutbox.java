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
 *
 * <p>"Oldest queued of its contact" is {@code seq = (SELECT min(seq) ... queued, same phone)}, answered from the
 * partial index {@code messages_queued_by_contact} (V3) by one index probe per candidate. It used to be a
 * {@code NOT EXISTS} on an older queued row, which the planner, misled by statistics taken when the outbox was
 * empty, ran as a scan of every queued row per candidate: 4.5 s per claim with 6,700 queued replies, so the
 * dispatcher fell further behind the more it lagged. A correlated min() cannot become such a join.
 */
final class JdbiOutbox implements Outbox {
    private static final String CLAIM = """
            WITH due AS (
                SELECT m.id FROM messages m
                WHERE m.status = 'queued'
                  AND (m.not_before IS NULL OR m.not_before <= :now)
                  AND (m.claimed_until IS NULL OR m.claimed_until <= :now)
                  AND m.seq = (SELECT min(o.seq) FROM messages o WHERE o.status = 'queued' AND o.phone = m.phone)
                ORDER BY m.seq
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE messages SET claimed_until = :until
            WHERE id IN (SELECT id FROM due)
            RETURNING %s, attempts
            """.formatted(MessageRow.COLUMNS);

    private static final String ACCEPTED = "UPDATE messages SET status = ?, provider = ?, provider_id = ?, "
            + "claimed_until = NULL, last_error = NULL WHERE id = ? AND status = 'queued'";

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

    /** Once per message sent: plain JDBC ({@link Sql}), not JDBI's per-binding argument resolution. */
    @Override
    public void accepted(UUID id, String provider, String providerId, Instant at) {
        db.write(List.of(new Sql(ACCEPTED, p -> p.text(MessageStatus.ENQUEUED.wire()).text(provider).text(providerId)
                .uuid(id))));
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
