package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Outbox;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.policy.QueuedSend;
import io.consentflow.domain.policy.SendDecision;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox over the messages table. A claim is one short transaction: it picks each contact's oldest queued
 * message that is due and not leased, skipping rows another instance holds (SKIP LOCKED), reads each one's contact
 * as it is now (and the run of an opt-in ask) for the send policy, then leases the messages the policy still allows
 * and marks the others refused; so two instances never send the same message, one contact's messages go out in
 * order, and nothing leaves that the policy would not allow at that moment.
 *
 * <p>A claim must cost the same with 10 or 100,000 replies queued, and the planner's statistics cannot be trusted
 * for that: they are usually taken while nothing was queued (a fresh database; autoanalyze of a big table waits
 * for 10% of its rows to change), so the planner expects one queued row while a backlog builds in seconds. A plan
 * whose cost grows with the backlog makes the outbox fall further behind the more it lags, so the claim is written
 * to leave the planner no such choice:
 * <ul>
 *   <li>"oldest queued of its contact" is {@code seq = (SELECT min(seq) ... same phone)}, one probe of
 *       {@code messages_queued_by_contact} per candidate, not {@code NOT EXISTS} an older queued row, which
 *       scans every queued row per candidate;</li>
 *   <li>{@link #PLAN} turns bitmap scans and sorts off for the claim's transaction only, which leaves the walk of
 *       {@code messages_outbox} in seq order that stops after {@code limit} rows, instead of reading a bitmap of
 *       every queued row and sorting it;</li>
 *   <li>{@code messages_outbox} (V4) states the direction in its predicate, which the probe does not, so the probe can
 *       only use the per-contact index: answered from {@code messages_outbox}, it would walk from the head of the
 *       queue through the dead entries of every reply delivered since the last VACUUM, per candidate.</li>
 * </ul>
 * The contact and run are read per candidate, after the {@code limit} candidates are chosen ({@code LATERAL} and
 * scalar subqueries on their primary keys), never joined to the backlog: they cost {@code limit} index probes
 * whatever the statistics say, and the walk of the outbox stays as above ({@code OutboxClaimPlanTest}). The send
 * policy the claim applies is described in {@code docs/sending.md}.
 */
final class JdbiOutbox implements Outbox {
    static final String PLAN = "SELECT set_config('enable_bitmapscan', 'off', true) AS bitmapscan, "
            + "set_config('enable_sort', 'off', true) AS sort";
    /**
     * The candidates (locked, SKIP LOCKED), each with its contact's current state and, for an opt-in ask, its run's
     * status. The contact row is locked {@code FOR KEY SHARE SKIP LOCKED}: a consent change locks it {@code FOR
     * UPDATE} (JdbiConversations), so the two serialise; a contact locked right now (a consent change or an
     * inbound message being applied) comes back empty with {@code contact_busy}, and its message is left for a later
     * claim rather than judged on what may be about to change. Only the columns the send policy reads are selected.
     * Parameters: now, now, limit.
     */
    static final String CLAIM = """
            WITH due AS (
                SELECT %s, attempts FROM messages m
                WHERE m.status = 'queued' AND m.direction = 'outbound'
                  AND (m.not_before IS NULL OR m.not_before <= ?)
                  AND (m.claimed_until IS NULL OR m.claimed_until <= ?)
                  AND m.seq = (SELECT min(o.seq) FROM messages o
                               WHERE o.status = 'queued' AND o.phone = m.phone)
                ORDER BY m.seq
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            )
            SELECT d.*, c.contact_language, c.contact_status, c.consent_status, c.consent_at, c.consent_method,
                   c.consent_evidence, c.last_inbound_at, c.contact_created_at, c.marketing_consent,
                   c.marketing_consent_at, c.marketing_consent_method, c.marketing_consent_evidence,
                   CASE WHEN c.contact_status IS NULL THEN EXISTS (SELECT 1 FROM contacts b WHERE b.phone = d.phone)
                        ELSE false END AS contact_busy,
                   CASE WHEN d.optin_ask THEN (SELECT r.status FROM runs r WHERE r.id = d.run_id) END AS run_status
            FROM due d
            %s
            """.formatted(MessageRow.COLUMNS, ContactRow.SEND_POLICY_JOIN.strip());
    /**
     * What the claim decided, in one statement over arrays (the rows found by primary key, all locked by the claim):
     * a null reason leases the message until the given time, a reason marks it refused with that reason.
     * Parameters: until, the refused status, ids, reasons.
     */
    static final String DECIDED = """
            UPDATE messages m SET claimed_until = CASE WHEN o.reason IS NULL THEN CAST(? AS timestamptz) END,
                status = CASE WHEN o.reason IS NULL THEN m.status ELSE ? END,
                reason = coalesce(o.reason, m.reason)
            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[])) AS o(id, reason)
            WHERE m.id = o.id""";

    /**
     * A batch's outcomes are written by one statement per kind of outcome present, each over arrays, with the rows
     * found by primary key: one UPDATE per reply would give each batch size its own text of up to 200 statements,
     * which the driver would parse, cache and hash again for every batch. The "still queued" guard is written
     * {@code (status || '') = 'queued'} on purpose, so it is only a filter: as a bare {@code status = 'queued'} it
     * lets the planner pick a queued-only index and test the id on every queued row, because statistics taken while
     * the outbox was empty say that index holds one row.
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

    /**
     * Three round trips: the planner options with the candidates, the decisions, the commit.
     */
    @Override
    public Batch claim(Instant now, Duration lease, int limit, SendCheck check) {
        return db.withHandle(h -> h.inTransaction(tx -> {
            Connection c = tx.getConnection();
            List<Claimed> leased = new ArrayList<>();
            List<Refused> refused = new ArrayList<>();
            for (Candidate candidate : candidates(c, now, limit)) {
                SendDecision decision = check.decide(candidate.queued());
                if (decision instanceof SendDecision.Refused r) {
                    refused.add(new Refused(candidate.queued().message(), r.reason()));
                } else {
                    leased.add(new Claimed(candidate.queued().message(), candidate.attempts()));
                }
            }
            if (!leased.isEmpty() || !refused.isEmpty()) {
                List<UUID> ids = new ArrayList<>(leased.size() + refused.size());
                List<String> reasons = new ArrayList<>(ids.size());
                for (Claimed l : leased) {
                    ids.add(l.message().id());
                    reasons.add(null);
                }
                for (Refused r : refused) {
                    ids.add(r.message().id());
                    reasons.add(r.reason().code());
                }
                Sql.executeAll(c, List.of(new Sql(DECIDED, p -> p.time(now.plus(lease))
                        .text(MessageStatus.REFUSED.wire()).uuidArray(ids).textArray(reasons))));
            }
            return new Batch(leased, refused);
        }));
    }

    /** A due message with what the send policy needs, and its delivery attempts so far. */
    private record Candidate(QueuedSend queued, int attempts) {
    }

    /** The candidates whose contact is not locked by someone else right now, in one round trip with {@link #PLAN}. */
    private static List<Candidate> candidates(Connection c, Instant now, int limit) {
        try (PreparedStatement ps = c.prepareStatement(PLAN + ";\n" + CLAIM)) {
            new Sql.Params(c, ps).time(now).time(now).integer(limit);
            ps.execute();
            ps.getMoreResults();
            List<Candidate> out = new ArrayList<>(limit);
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    if (rs.getBoolean("contact_busy")) continue;
                    OutboundMessage message = MessageRow.read(rs).toOutbound();
                    String runStatus = rs.getString("run_status");
                    out.add(new Candidate(new QueuedSend(message, ContactRow.forSendPolicy(rs),
                            runStatus == null ? null : RunStatus.fromWire(runStatus)), rs.getInt("attempts")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
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
