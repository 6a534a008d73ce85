package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Broadcasts;
import io.consentflow.domain.broadcast.Audience;
import io.consentflow.domain.broadcast.Broadcast;
import io.consentflow.domain.broadcast.BroadcastContent;
import io.consentflow.domain.broadcast.BroadcastStatus;
import io.consentflow.domain.broadcast.BroadcastTally;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.MessageStatus;
import io.consentflow.domain.message.OutboundMessage;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Broadcasts over V15's tables. Everything per recipient is set-based: the recipients are fixed by one
 * {@code INSERT ... SELECT} (a group's members, or the unnested phones), a claim is one statement for the candidates
 * and their contacts plus one round trip for the decisions and the refused messages, and a batch's outcomes are one
 * statement (the recipients' states, the messages stored, the counts, chained by data-modifying CTEs). The claim
 * walks {@code broadcast_recipients_pending} in phone order from where the caller's last claim stopped, so a claim
 * reads about as many index entries as it claims, however many recipients were sent before.
 *
 * <p>Every statement that writes recipients finds them by primary key, (phone, broadcast), from an unnested array,
 * and a state guard is written {@code (state || '') = ...} so it stays a filter: measured on the 1M-recipient
 * benchmark, a bare {@code state = 'sending'} let the planner intersect {@code broadcast_recipients_claimed} with a
 * whole broadcast's range of the key (110-150 ms per statement), and a key led by the broadcast let it walk that
 * range whenever its statistics had not seen the broadcast yet (700 ms), instead of one probe per row of the batch.
 */
final class JdbiBroadcasts implements Broadcasts {
    private static final String COLUMNS = "id, name, template_name, template_params, flow_uuid, group_id, phones, "
            + "start_at, status, recipients, created_at, started_at, ended_at";
    private static final String INSERT = "INSERT INTO broadcasts (id, name, template_name, template_params, flow_uuid, "
            + "group_id, phones, start_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** The broadcast is held shared for the claim's transaction: a cancel's update waits for the commit. */
    static final String LIVE = "SELECT id FROM broadcasts WHERE id = ? AND status = 'running' FOR SHARE";
    /**
     * The next waiting recipients in phone order, each with its contact as it is now, locked as the outbox's claim
     * locks it ({@code FOR KEY SHARE SKIP LOCKED}: a consent change holds it {@code FOR UPDATE}); a contact locked
     * right now comes back empty with {@code contact_busy}, and its recipient is left waiting for a later claim.
     * Parameters: broadcast, after, limit.
     */
    static final String CLAIM = """
            WITH due AS (
                SELECT r.phone FROM broadcast_recipients r
                WHERE r.broadcast_id = ? AND r.state = 'pending' AND r.phone > ?
                ORDER BY r.phone
                LIMIT ?
                FOR UPDATE SKIP LOCKED
            )
            SELECT d.phone, c.*,
                   CASE WHEN c.contact_status IS NULL THEN EXISTS (SELECT 1 FROM contacts b WHERE b.phone = d.phone)
                        ELSE false END AS contact_busy
            FROM due d
            %s
            ORDER BY d.phone
            """.formatted(ContactRow.SEND_POLICY_JOIN.strip());
    /** The claim's decisions, one statement over arrays. Parameters: lease, broadcast, phones, states, ids, reasons. */
    private static final String DECIDED = """
            UPDATE broadcast_recipients r SET state = o.state,
                claimed_until = CASE WHEN o.state = 'leased' THEN CAST(? AS timestamptz) END,
                message_id = o.message_id, reason = o.reason
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS text[]))
                AS o(phone, state, message_id, reason)
            WHERE r.broadcast_id = CAST(? AS uuid) AND r.phone = o.phone""";
    /** Refused messages stored as the outbox stores its refusals. Parameters: broadcast, at, ids, phones, texts, contents, reasons. */
    private static final String REFUSED_MESSAGES = """
            INSERT INTO messages (broadcast_id, at, id, phone, direction, type, text, content, status, reason)
            SELECT CAST(? AS uuid), CAST(? AS timestamptz), o.id, o.phone, 'outbound', 'template', o.text,
                   CAST(o.content AS jsonb), 'refused', o.reason
            FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                AS o(id, phone, text, content, reason)""";
    /** Counts added per bucket and shard. Parameters: broadcast, phones, buckets. */
    private static final String COUNTED = """
            INSERT INTO broadcast_counts AS c (broadcast_id, bucket, shard, n)
            SELECT CAST(? AS uuid), o.bucket, (hashtext(o.phone) & 15)::smallint, count(*)
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS o(phone, bucket)
            GROUP BY 2, 3
            ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n""";
    /**
     * A batch's calls that ended, in one statement: each recipient still leased for that message ends sent or
     * failed, its message is stored (only for those: one already recorded {@code outcome_unknown} keeps that), and
     * the counts grow by what was stored. Parameters: broadcast (recipients), broadcast (messages), broadcast
     * (counts), then ids, phones, texts, contents, statuses, providers, provider ids, reasons, times.
     */
    private static final String RECORDED = """
            WITH o AS (
                SELECT * FROM unnest(CAST(? AS uuid[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                     CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                     CAST(? AS timestamptz[]))
                    AS o(id, phone, text, content, status, provider, provider_id, reason, at)
            ), done AS (
                UPDATE broadcast_recipients r
                SET state = CASE WHEN o.status = 'failed' THEN 'failed' ELSE 'sent' END, claimed_until = NULL,
                    reason = o.reason
                FROM o WHERE r.broadcast_id = CAST(? AS uuid) AND r.phone = o.phone AND (r.state || '') = 'sending'
                       AND r.message_id = o.id
                RETURNING r.message_id
            ), stored AS (
                INSERT INTO messages (broadcast_id, id, phone, direction, type, text, content, provider, provider_id,
                                      status, reason, at)
                SELECT CAST(? AS uuid), o.id, o.phone, 'outbound', 'template', o.text, CAST(o.content AS jsonb),
                       o.provider, o.provider_id, o.status, o.reason, o.at
                FROM o JOIN done ON done.message_id = o.id
                RETURNING phone, status
            )
            INSERT INTO broadcast_counts AS c (broadcast_id, bucket, shard, n)
            SELECT CAST(? AS uuid), status, (hashtext(phone) & 15)::smallint, count(*) FROM stored GROUP BY 2, 3
            ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n""";
    /** Calls not made, or refused as too fast: back to waiting. Parameters: phones, ids, broadcast. */
    private static final String REQUEUED = """
            UPDATE broadcast_recipients r SET state = 'pending', claimed_until = NULL, message_id = NULL
            FROM unnest(CAST(? AS text[]), CAST(? AS uuid[])) AS o(phone, id)
            WHERE r.broadcast_id = CAST(? AS uuid) AND r.phone = o.phone AND (r.state || '') IN ('leased', 'sending')
              AND r.message_id = o.id""";
    /**
     * Calls about to start, marked before they start (the only ones a crash can leave with an unknown outcome),
     * found by primary key (broadcast and phone; the message id only checks the claim). Parameters: phones, ids,
     * broadcast.
     */
    private static final String STARTING = """
            UPDATE broadcast_recipients r SET state = 'sending'
            FROM unnest(CAST(? AS text[]), CAST(? AS uuid[])) AS o(phone, id)
            WHERE r.broadcast_id = CAST(? AS uuid) AND r.phone = o.phone AND r.message_id = o.id
              AND (r.state || '') = 'leased'
            RETURNING r.message_id""";
    /** A flow recipient taken in its conversation's transaction. Parameters: reason x3, broadcast, phone, token, broadcast. */
    private static final String FLOW_TAKEN = """
            WITH done AS (
                UPDATE broadcast_recipients
                SET state = CASE WHEN CAST(? AS text) IS NULL THEN 'started' ELSE 'refused' END, reason = ?,
                    claimed_until = NULL
                WHERE broadcast_id = CAST(? AS uuid) AND phone = ? AND (state || '') = 'leased'
                  AND message_id = CAST(? AS uuid)
                RETURNING phone, state, reason
            )
            INSERT INTO broadcast_counts AS c (broadcast_id, bucket, shard, n)
            SELECT CAST(? AS uuid), CASE WHEN state = 'started' THEN 'started' ELSE 'refused:' || reason END,
                   (hashtext(phone) & 15)::smallint, 1
            FROM done
            ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n""";
    /** Calls started whose lease ran out: their outcome is unknown, so they are never made again. */
    private static final String EXPIRED_CALLS = """
            WITH gone AS (
                UPDATE broadcast_recipients r SET state = 'failed', reason = 'outcome_unknown', claimed_until = NULL
                WHERE r.state = 'sending' AND r.claimed_until < ?
                RETURNING r.broadcast_id, r.phone
            )
            INSERT INTO broadcast_counts AS c (broadcast_id, bucket, shard, n)
            SELECT broadcast_id, 'failed', (hashtext(phone) & 15)::smallint, count(*) FROM gone GROUP BY 1, 3
            ON CONFLICT (broadcast_id, bucket, shard) DO UPDATE SET n = c.n + excluded.n""";
    /** Claims whose lease ran out before a call started (or a flow start committed): they wait again. */
    private static final String EXPIRED_CLAIMS = """
            UPDATE broadcast_recipients SET state = 'pending', claimed_until = NULL, message_id = NULL
            WHERE state = 'leased' AND claimed_until < ?""";

    private final Database db;

    JdbiBroadcasts(Database db) {
        this.db = db;
    }

    @Override
    public void create(Broadcast b) {
        db.useHandle(h -> {
            String template = null;
            String[] params = null;
            String flow = null;
            if (b.content() instanceof BroadcastContent.TemplateSend t) {
                template = t.name();
                params = t.params().toArray(String[]::new);
            } else {
                flow = ((BroadcastContent.FlowStart) b.content()).flowUuid();
            }
            Long group = b.audience() instanceof Audience.Group g ? g.id() : null;
            String[] phones = b.audience() instanceof Audience.Phones p
                    ? p.phones().stream().map(Phone::digits).toArray(String[]::new) : null;
            h.createUpdate(INSERT).bind(0, b.id()).bind(1, b.name()).bind(2, template).bind(3, params)
                    .bind(4, flow).bind(5, group).bind(6, phones).bind(7, Times.utc(b.at()))
                    .bind(8, b.status().wire()).bind(9, Times.utc(b.createdAt())).execute();
        });
    }

    @Override
    public List<Broadcast> page(UUID after, int limit) {
        return db.withHandle(h -> after == null
                ? h.createQuery("SELECT " + COLUMNS + " FROM broadcasts ORDER BY id LIMIT ?").bind(0, limit)
                        .map((rs, ctx) -> read(rs)).list()
                : h.createQuery("SELECT " + COLUMNS + " FROM broadcasts WHERE id > ? ORDER BY id LIMIT ?")
                        .bind(0, after).bind(1, limit).map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<Broadcast> find(UUID id) {
        return db.withHandle(h -> find(h, id));
    }

    private static Optional<Broadcast> find(Handle h, UUID id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM broadcasts WHERE id = ?").bind(0, id)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    @Override
    public Map<UUID, Map<String, Long>> buckets(Collection<UUID> ids) {
        Map<UUID, Map<String, Long>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        db.useHandle(h -> h.createQuery("SELECT broadcast_id, bucket, sum(n) AS n FROM broadcast_counts"
                        + " WHERE broadcast_id = ANY(?) GROUP BY 1, 2")
                .bind(0, ids.toArray(UUID[]::new))
                .map((rs, ctx) -> {
                    out.computeIfAbsent(rs.getObject("broadcast_id", UUID.class), k -> new HashMap<>())
                            .put(rs.getString("bucket"), rs.getLong("n"));
                    return null;
                }).list());
        return out;
    }

    @Override
    public boolean groupExists(long id) {
        return db.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM groups WHERE id = ?)").bind(0, id)
                .mapTo(Boolean.class).one());
    }

    @Override
    public List<Phone> withoutContact(Collection<Phone> phones) {
        if (phones.isEmpty()) return List.of();
        String[] digits = phones.stream().map(Phone::digits).toArray(String[]::new);
        return db.withHandle(h -> h.createQuery("SELECT p FROM unnest(CAST(? AS text[])) AS p"
                        + " WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.phone = p)")
                .bind(0, digits).map((rs, ctx) -> new Phone(rs.getString(1))).list());
    }

    @Override
    public Optional<Broadcast> cancel(UUID id, Instant at) {
        return db.newTransaction(h -> {
            h.createUpdate("UPDATE broadcasts SET status = 'cancelled', ended_at = ? WHERE id = ?"
                    + " AND status IN ('scheduled', 'running')").bind(0, Times.utc(at)).bind(1, id).execute();
            return find(h, id);
        });
    }

    @Override
    public boolean inFlight(UUID id, Instant now) {
        return db.withHandle(h -> h.createQuery("SELECT EXISTS (SELECT 1 FROM broadcast_recipients"
                        + " WHERE state IN ('leased', 'sending') AND claimed_until > ? AND broadcast_id = ?)")
                .bind(0, Times.utc(now)).bind(1, id).mapTo(Boolean.class).one());
    }

    @Override
    public List<UUID> due(Instant now, int limit) {
        return db.withHandle(h -> h.createQuery("SELECT id FROM broadcasts WHERE status = 'scheduled'"
                        + " AND start_at <= ? ORDER BY start_at LIMIT ?")
                .bind(0, Times.utc(now)).bind(1, limit).mapTo(UUID.class).list());
    }

    /**
     * One transaction: the broadcast locked (another instance starting it skips it; a cancel waits), its
     * recipients inserted by one {@code INSERT ... SELECT}, its status and count set. A broadcast without recipients
     * is done at once.
     */
    @Override
    public Optional<Broadcast> start(UUID id, Supplier<Instant> clock) {
        return db.newTransaction(h -> {
            Optional<Broadcast> found = h.createQuery("SELECT " + COLUMNS + " FROM broadcasts WHERE id = ?"
                            + " AND status = 'scheduled' FOR UPDATE SKIP LOCKED")
                    .bind(0, id).map((rs, ctx) -> read(rs)).findOne();
            if (found.isEmpty()) return Optional.<Broadcast>empty();
            Broadcast b = found.get();
            int recipients;
            if (b.audience() instanceof Audience.Group g) {
                recipients = h.createUpdate("INSERT INTO broadcast_recipients (broadcast_id, phone)"
                        + " SELECT ?, phone FROM group_members WHERE group_id = ?").bind(0, id).bind(1, g.id()).execute();
            } else {
                String[] phones = ((Audience.Phones) b.audience()).phones().stream().map(Phone::digits)
                        .toArray(String[]::new);
                recipients = h.createUpdate("INSERT INTO broadcast_recipients (broadcast_id, phone)"
                        + " SELECT DISTINCT ?, p FROM unnest(CAST(? AS text[])) AS p").bind(0, id).bind(1, phones)
                        .execute();
            }
            BroadcastStatus status = recipients == 0 ? BroadcastStatus.DONE : BroadcastStatus.RUNNING;
            Instant now = clock.get();
            h.createUpdate("UPDATE broadcasts SET status = ?, recipients = ?, started_at = ?, ended_at = ? WHERE id = ?")
                    .bind(0, status.wire()).bind(1, recipients).bind(2, Times.utc(now))
                    .bind(3, status == BroadcastStatus.DONE ? Times.utc(now) : null).bind(4, id).execute();
            return find(h, id);
        });
    }

    @Override
    public List<Broadcast> running(int limit) {
        return db.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM broadcasts WHERE status = 'running'"
                + " ORDER BY started_at, id LIMIT ?").bind(0, limit).map((rs, ctx) -> read(rs)).list());
    }

    @Override
    public Optional<BroadcastStatus> status(UUID id) {
        return db.withHandle(h -> h.createQuery("SELECT status FROM broadcasts WHERE id = ?").bind(0, id)
                .mapTo(String.class).findOne().map(BroadcastStatus::fromWire));
    }

    /** Three round trips: the broadcast's row and the candidates, the decisions, the commit. */
    @Override
    public Claim claim(UUID broadcastId, String after, int limit, Instant now, Instant leaseUntil, Decide decide) {
        return db.newTransaction(h -> {
            Connection c = h.getConnection();
            List<Candidate> candidates = new ArrayList<>(limit);
            boolean live;
            try (PreparedStatement ps = c.prepareStatement(LIVE + ";\n" + CLAIM)) {
                new Sql.Params(c, ps).uuid(broadcastId).uuid(broadcastId).text(after).integer(limit);
                ps.execute();
                try (ResultSet rs = ps.getResultSet()) {
                    live = rs.next();
                }
                ps.getMoreResults();
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        candidates.add(new Candidate(rs.getString("phone"), rs.getBoolean("contact_busy"),
                                ContactRow.forSendPolicy(rs)));
                    }
                }
            } catch (SQLException e) {
                throw new Sql.StatementFailed(e);
            }
            if (!live) return new Claim(List.of(), 0, after, false);
            Decisions d = new Decisions();
            for (Candidate candidate : candidates) {
                if (candidate.busy()) continue;
                Phone phone = new Phone(candidate.phone());
                d.add(phone, decide.decide(phone, candidate.contact()));
            }
            Sql.executeAll(c, d.writes(broadcastId, now, leaseUntil));
            String last = candidates.isEmpty() ? after : candidates.get(candidates.size() - 1).phone();
            return new Claim(d.leased, candidates.size(), last, true);
        });
    }

    private record Candidate(String phone, boolean busy, Contact contact) {
    }

    /** A claim's decisions, gathered into arrays for one round trip. */
    private static final class Decisions {
        final List<Leased> leased = new ArrayList<>();
        final List<String> phones = new ArrayList<>();
        final List<String> states = new ArrayList<>();
        final List<UUID> ids = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<String> countedPhones = new ArrayList<>();
        final List<String> countedBuckets = new ArrayList<>();
        final List<OutboundMessage> refused = new ArrayList<>();
        final List<String> refusedReasons = new ArrayList<>();

        void add(Phone phone, Decision decision) {
            phones.add(phone.digits());
            if (decision instanceof Send s) {
                states.add("leased");
                ids.add(s.message().id());
                reasons.add(null);
                leased.add(new Leased(phone, decision));
            } else if (decision instanceof StartFlow f) {
                states.add("leased");
                ids.add(f.token());
                reasons.add(null);
                leased.add(new Leased(phone, decision));
            } else if (decision instanceof Refuse r) {
                states.add("refused");
                ids.add(r.message().id());
                reasons.add(r.reason());
                refused.add(r.message());
                refusedReasons.add(r.reason());
                countedPhones.add(phone.digits());
                countedBuckets.add(BroadcastTally.REFUSED_PREFIX + r.reason());
            } else {
                Fail f = (Fail) decision;
                states.add("failed");
                ids.add(null);
                reasons.add(f.reason());
                countedPhones.add(phone.digits());
                countedBuckets.add(MessageStatus.FAILED.wire());
            }
        }

        List<Sql> writes(UUID broadcastId, Instant now, Instant leaseUntil) {
            List<Sql> writes = new ArrayList<>(3);
            if (phones.isEmpty()) return writes;
            writes.add(new Sql(DECIDED, p -> p.time(leaseUntil).textArray(phones).textArray(states).uuidArray(ids)
                    .textArray(reasons).uuidText(broadcastId)));
            if (!refused.isEmpty()) {
                writes.add(new Sql(REFUSED_MESSAGES, p -> p.uuidText(broadcastId).time(now)
                        .uuidArray(refused.stream().map(OutboundMessage::id).toList())
                        .textArray(refused.stream().map(m -> m.phone().digits()).toList())
                        .textArray(refused.stream().map(OutboundMessage::text).toList())
                        .textArray(refused.stream().map(m -> StoredJson.content(m.content())).toList())
                        .textArray(refusedReasons)));
            }
            if (!countedPhones.isEmpty()) {
                writes.add(new Sql(COUNTED, p -> p.uuidText(broadcastId).textArray(countedPhones)
                        .textArray(countedBuckets)));
            }
            return writes;
        }
    }

    /**
     * One text, one round trip, one implicit transaction: the calls about to start marked (its answer read), the
     * ended calls recorded, the calls not made given back.
     */
    @Override
    public Set<UUID> record(UUID broadcastId, List<Outcome> outcomes, List<OutboundMessage> starting) {
        List<Outcome> ended = new ArrayList<>();
        List<Requeued> requeued = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o instanceof Requeued r) requeued.add(r);
            else ended.add(o);
        }
        List<Sql> writes = new ArrayList<>(3);
        if (!starting.isEmpty()) {
            writes.add(new Sql(STARTING, p -> p.textArray(starting.stream().map(m -> m.phone().digits()).toList())
                    .uuidArray(starting.stream().map(OutboundMessage::id).toList()).uuidText(broadcastId)));
        }
        if (!ended.isEmpty()) {
            List<UUID> ids = new ArrayList<>();
            List<String> phones = new ArrayList<>(), texts = new ArrayList<>(), contents = new ArrayList<>(),
                    statuses = new ArrayList<>(), providers = new ArrayList<>(), providerIds = new ArrayList<>(),
                    reasons = new ArrayList<>(), times = new ArrayList<>();
            for (Outcome o : ended) {
                OutboundMessage m = o.message();
                ids.add(m.id());
                phones.add(m.phone().digits());
                texts.add(m.text());
                contents.add(StoredJson.content(m.content()));
                times.add(m.at().toString());
                if (o instanceof Accepted a) {
                    statuses.add(MessageStatus.ENQUEUED.wire());
                    providers.add(a.provider());
                    providerIds.add(a.providerId());
                    reasons.add(null);
                } else {
                    statuses.add(MessageStatus.FAILED.wire());
                    providers.add(null);
                    providerIds.add(null);
                    reasons.add(((Failed) o).reason());
                }
            }
            writes.add(new Sql(RECORDED, p -> p.uuidArray(ids).textArray(phones).textArray(texts)
                    .textArray(contents).textArray(statuses).textArray(providers).textArray(providerIds)
                    .textArray(reasons).textArray(times).uuidText(broadcastId).uuidText(broadcastId)
                    .uuidText(broadcastId)));
        }
        if (!requeued.isEmpty()) {
            writes.add(new Sql(REQUEUED, p -> p.textArray(requeued.stream().map(r -> r.phone().digits()).toList())
                    .uuidArray(requeued.stream().map(r -> r.message().id()).toList()).uuidText(broadcastId)));
        }
        Set<UUID> marked = new HashSet<>();
        if (writes.isEmpty()) return marked;
        db.useHandle(h -> {
            Connection c = h.getConnection();
            try (PreparedStatement ps = c.prepareStatement(Sql.joined(writes))) {
                Sql.Params p = new Sql.Params(c, ps);
                for (Sql w : writes) w.binder().bind(p);
                boolean rows = ps.execute();
                if (!starting.isEmpty() && rows) {
                    try (ResultSet rs = ps.getResultSet()) {
                        while (rs.next()) marked.add(rs.getObject(1, UUID.class));
                    }
                }
                // read to the end, so a failure of a later statement surfaces here
                while (ps.getMoreResults() || ps.getUpdateCount() != -1) {
                    // nothing to read
                }
            } catch (SQLException e) {
                throw new Sql.StatementFailed(e);
            }
        });
        return marked;
    }

    @Override
    public void giveBack(UUID broadcastId, List<Leased> leased) {
        if (leased.isEmpty()) return;
        List<String> phones = new ArrayList<>(leased.size());
        List<UUID> ids = new ArrayList<>(leased.size());
        for (Leased l : leased) {
            phones.add(l.phone().digits());
            ids.add(l.decision() instanceof StartFlow f ? f.token() : ((Send) l.decision()).message().id());
        }
        db.write(List.of(new Sql(REQUEUED, p -> p.textArray(phones).uuidArray(ids).uuidText(broadcastId))));
    }

    @Override
    public boolean takeFlowRecipient(UUID broadcastId, Phone phone, UUID token, String reason) {
        return db.withHandle(h -> h.createUpdate(FLOW_TAKEN).bind(0, reason).bind(1, reason)
                .bind(2, broadcastId.toString()).bind(3, phone.digits()).bind(4, token.toString())
                .bind(5, broadcastId.toString()).execute()) > 0;
    }

    @Override
    public int expire(Instant now) {
        return db.withHandle(h -> h.createUpdate(EXPIRED_CALLS).bind(0, Times.utc(now)).execute()
                + h.createUpdate(EXPIRED_CLAIMS).bind(0, Times.utc(now)).execute());
    }

    @Override
    public boolean finish(UUID id, Instant now) {
        return db.withHandle(h -> h.createUpdate("""
                UPDATE broadcasts b SET status = 'done', ended_at = ?
                WHERE b.id = ? AND b.status = 'running'
                  AND NOT EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.broadcast_id = b.id AND r.state = 'pending')
                  AND NOT EXISTS (SELECT 1 FROM broadcast_recipients r WHERE r.broadcast_id = b.id
                                  AND r.state IN ('leased', 'sending'))
                """).bind(0, Times.utc(now)).bind(1, id).execute()) > 0;
    }

    private static Broadcast read(ResultSet rs) throws SQLException {
        String template = rs.getString("template_name");
        BroadcastContent content = template != null
                ? new BroadcastContent.TemplateSend(template, texts(rs.getArray("template_params")))
                : new BroadcastContent.FlowStart(rs.getString("flow_uuid"));
        long group = rs.getLong("group_id");
        Audience audience = rs.wasNull()
                ? new Audience.Phones(texts(rs.getArray("phones")).stream().map(Phone::new).toList())
                : new Audience.Group(group);
        return new Broadcast(rs.getObject("id", UUID.class), rs.getString("name"), content, audience,
                Times.instant(rs, "start_at"), BroadcastStatus.fromWire(rs.getString("status")),
                Times.instant(rs, "created_at"), Times.instant(rs, "started_at"), Times.instant(rs, "ended_at"),
                rs.getLong("recipients"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
