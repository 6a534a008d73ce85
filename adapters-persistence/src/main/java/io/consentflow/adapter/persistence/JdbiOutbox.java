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
 * <p>"Oldest queued of its contact" is {@code seq = (SELECT min(seq) ... queued, same phone, seq <= m.seq)}: one
 * probe of the partial index {@code messages_queued_by_contact} (V3) per candidate. It used to be a
 * {@code NOT EXISTS} on an older queued row, which the planner, misled by statistics taken when the outbox was
 * empty (a backlog builds in seconds; autoanalyze of a big messages table comes much later), ran as a scan of
 * every queued row per candidate: 4.5 s per claim with 6,700 queued replies, so the dispatcher fell further behind
 * the more it lagged. With the same misleading statistics the planner may still answer min() by walking
 * {@code messages_outbox} in seq order; the {@code seq <= m.seq} bound keeps that walk to the rows before the
 * candidate, so a claim never reads the whole backlog once per candidate.
 */
final class JdbiOutbox implements Outbox {
    private static final String CLAIM = """
            WITH due AS (
                SELECT m.id FROM messages m
                WHERE m.status = 'queued'
                  AND (m.not_before IS NULL OR m.not_before <= :now)
                  AND (m.claimed_until IS NULL OR m.claimed_until <= :now)
                  AND m.seq = (SELECT min(o.seq) FROM messages o
                               WHERE o.status = 'queued' AND o.phone = m.phone AND o.seq <= m.seq)
                ORDER BY m.seq
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE messages SET claimed_until = :until
            WHERE id IN (SELECT id FROM due)
            RETURNING %s, attempts
            """.formatted(MessageRow.COLUMNS);

    /**
     * The outcome of one send: the row is found by its primary key. The "still queued" guard is written
     * {@code (status || '') = 'queued'} on purpose, so it is only a filter: as a bare {@code status = 'queued'} it
     * made the planner pick {@code messages_outbox} (whose predicate it matches) and test the id on every queued row,
     * because statistics taken while the outbox was empty say that index holds one row: 44 ms per update at
     * 100,000 queued (measured), one update per reply sent.
     */
    private static final String STILL_QUEUED = "WHERE id = ? AND (status || '') = 'queued'";
    private static final String ACCEPTED = "UPDATE messages SET status = ?, provider = ?, provider_id = ?, "
            + "claimed_until = NULL, last_error = NULL " + STILL_QUEUED;

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
                        + "claimed_until = NULL, last_error = :error WHERE id = :id AND (status || '') = 'queued'")
                .bind("notBefore", Times.utc(notBefore)).bind("error", error).bind("id", id).execute());
    }

    @Override
    public void failed(UUID id, String reason, Instant at) {
        db.useHandle(h -> h.createUpdate("UPDATE messages SET status = :status, reason = :reason, "
                        + "attempts = attempts + 1, claimed_until = NULL WHERE id = :id AND (status || '') = 'queued'")
                .bind("status", MessageStatus.FAILED.wire()).bind("reason", reason).bind("id", id).execute());
    }

    @Override
    public long depth() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE status = 'queued'")
                .mapTo(Long.class).one());
    }
}
