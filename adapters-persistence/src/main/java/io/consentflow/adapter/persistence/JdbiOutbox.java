package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.message.MessageStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox over the messages table. A claim is one statement in its own transaction: it picks each contact's
 * oldest queued message that is due and not leased, skipping rows another instance holds (SKIP LOCKED), and
 * leases them; so two instances never send the same message and one contact's messages go out in order.
 *
 * <p>A claim must cost the same with 10 or 100,000 replies queued, and the planner's statistics cannot be trusted
 * for that: they are usually taken while nothing was queued (a fresh database; autoanalyze of a big table waits
 * for 10% of its rows to change), so it expects one queued row, while a backlog builds in seconds. Each wrong plan
 * it found made the outbox fall further behind the more it lagged (measured under the load benchmark):
 * <ul>
 *   <li>"oldest queued of its contact" as {@code NOT EXISTS} an older queued row: a scan of every queued row per
 *       candidate, 4.5 s per claim at 6,700 queued. Now {@code seq = (SELECT min(seq) ... same phone)}: one probe
 *       of {@code messages_queued_by_contact} (V3) per candidate;</li>
 *   <li>the candidates read as a bitmap of every queued row, then sorted: 62 ms per claim at 29,000 queued, the
 *       dispatcher delivering 380 replies/s while 2,500/s arrived. {@link #PLAN} turns bitmap scans and sorts off
 *       for the claim's transaction only, which leaves the walk of {@code messages_outbox} in seq order that
 *       stops after {@code limit} rows (1.8 ms);</li>
 *   <li>the probe answered from {@code messages_outbox} too: a walk from the head of the queue, through the dead
 *       entries of every reply delivered since the last VACUUM, per candidate: 23 ms per claim at 108,000 queued
 *       on the 10M-message database. That index now states the direction in its predicate (V4), which the probe
 *       does not, so the probe can only use a per-contact index (1.1 ms).</li>
 * </ul>
 */
final class JdbiOutbox implements Outbox {
    static final String PLAN = "SELECT set_config('enable_bitmapscan', 'off', true) AS bitmapscan, "
            + "set_config('enable_sort', 'off', true) AS sort";
    static final String CLAIM = """
            WITH due AS (
                SELECT m.id FROM messages m
                WHERE m.status = 'queued' AND m.direction = 'outbound'
                  AND (m.not_before IS NULL OR m.not_before <= :now)
                  AND (m.claimed_until IS NULL OR m.claimed_until <= :now)
                  AND m.seq = (SELECT min(o.seq) FROM messages o
                               WHERE o.status = 'queued' AND o.phone = m.phone)
                ORDER BY m.seq
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
            )
            UPDATE messages SET claimed_until = :until
            WHERE id IN (SELECT id FROM due)
            RETURNING %s, attempts
            """.formatted(MessageRow.COLUMNS);

    /**
     * A batch's outcomes are written by one statement per kind of outcome present, each over arrays, with the rows
     * found by primary key. (One UPDATE per reply gave each batch size its own text of up to 200 statements, which
     * the driver parsed, cached and hashed again and again: about 6% of the service's CPU under load, JFR.) The
     * "still queued" guard is written {@code (status || '') = 'queued'} on purpose, so it is only a filter: as a
     * bare {@code status = 'queued'} it made the planner pick a queued-only index and test the id on every queued
     * row, because statistics taken while the outbox was empty say that index holds one row: 44 ms per update at
     * 100,000 queued (measured).
     */
    private static final String STILL_QUEUED = " AND (m.status || '') = 'queued'";
    private static final String ACCEPTED = """
            UPDATE messages m SET status = ?, provider = o.provider, provider_id = o.provider_id,
                claimed_until = NULL, last_error = NULL
            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[])) AS o(id, provider, provider_id)
            WHERE m.id = o.id""" + STILL_QUEUED;
    private static final String RETRY_LATER = """
            UPDATE messages m SET attempts = m.attempts + 1, not_before = o.not_before, claimed_until = NULL,
                last_error = o.error
            FROM unnest(CAST(? AS uuid[]), CAST(? AS timestamptz[]), CAST(? AS text[])) AS o(id, not_before, error)
            WHERE m.id = o.id""" + STILL_QUEUED;
    private static final String FAILED = """
            UPDATE messages m SET status = ?, reason = o.reason, attempts = m.attempts + 1, claimed_until = NULL
            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS o(id, reason)
            WHERE m.id = o.id""" + STILL_QUEUED;
    private static final String RELEASED = "UPDATE messages m SET claimed_until = NULL "
            + "WHERE m.id = ANY(CAST(? AS uuid[]))" + STILL_QUEUED;

    private final Database db;

    JdbiOutbox(Database db) {
        this.db = db;
    }

    @Override
    public List<Claimed> claim(Instant now, Duration lease, int limit) {
        return db.withHandle(h -> h.inTransaction(tx -> {
            tx.createQuery(PLAN).mapToMap().one();
            return tx.createQuery(CLAIM)
                    .bind("now", Times.utc(now)).bind("until", Times.utc(now.plus(lease))).bind("limit", limit)
                    .map((rs, ctx) -> new Claimed(RowMapping.INSTANCE.toMessage(MessageRow.read(rs)),
                            rs.getInt("attempts")))
                    .list();
        }));
    }

    /** Sent as one text with a single Sync, the statements run in one implicit transaction: all or none. */
    @Override
    public void record(List<Outcome> outcomes) {
        List<Accepted> accepted = new ArrayList<>();
        List<RetryLater> retries = new ArrayList<>();
        List<Failed> failed = new ArrayList<>();
        List<UUID> released = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o instanceof Accepted a) accepted.add(a);
            else if (o instanceof RetryLater r) retries.add(r);
            else if (o instanceof Failed f) failed.add(f);
            else released.add(o.id());
        }
        List<Sql> updates = new ArrayList<>(4);
        if (!accepted.isEmpty()) {
            updates.add(new Sql(ACCEPTED, p -> p.text(MessageStatus.ENQUEUED.wire())
                    .uuidArray(accepted.stream().map(Accepted::id).toList())
                    .textArray(accepted.stream().map(Accepted::provider).toList())
                    .textArray(accepted.stream().map(Accepted::providerId).toList())));
        }
        if (!retries.isEmpty()) {
            updates.add(new Sql(RETRY_LATER, p -> p.uuidArray(retries.stream().map(RetryLater::id).toList())
                    .textArray(retries.stream().map(r -> r.notBefore().toString()).toList())
                    .textArray(retries.stream().map(RetryLater::error).toList())));
        }
        if (!failed.isEmpty()) {
            updates.add(new Sql(FAILED, p -> p.text(MessageStatus.FAILED.wire())
                    .uuidArray(failed.stream().map(Failed::id).toList())
                    .textArray(failed.stream().map(Failed::reason).toList())));
        }
        if (!released.isEmpty()) updates.add(new Sql(RELEASED, p -> p.uuidArray(released)));
        db.write(updates);
    }

    @Override
    public long depth() {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM messages WHERE status = 'queued'")
                .mapTo(Long.class).one());
    }
}
