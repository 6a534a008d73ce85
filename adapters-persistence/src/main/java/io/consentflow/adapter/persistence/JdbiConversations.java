package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Changes;
import io.consentflow.application.port.out.Conversation;
import io.consentflow.application.port.out.Conversations;
import io.consentflow.application.port.out.StatusChange;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Effect;
import io.consentflow.domain.flow.run.Run;
import io.consentflow.domain.flow.run.RunStatus;
import io.consentflow.domain.flow.webhook.WebhookCall;
import io.consentflow.domain.message.OutboundMessage;
import io.consentflow.domain.message.ReceivedMessage;
import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * A contact's conversation in two round trips, each call its own transaction:
 *
 * <ol>
 *   <li><b>Open</b>: the contact's lock (created first if new; {@link #LOCK_OR_CREATE}), for an inbound message
 *   its insert unless its provider delivered it before ({@link #INSERT_INBOUND}), and the contact's unfinished runs,
 *   each its own statement, in this order, in one round trip. PostgreSQL runs them one after the other, so the
 *   insert and the read come after the lock.</li>
 *   <li><b>Save</b>: what the work produced ({@link Changes}: the contact, its consent changes, runs, outbound
 *   messages, status changes) and the {@code COMMIT}, in one round trip. PostgreSQL commits when it reaches the
 *   COMMIT, after every write succeeded; the first failing write stops the rest and the call fails, rolled back.
 *   The driver sees the connection idle afterwards, so the JDBC commit that follows sends nothing.</li>
 * </ol>
 *
 * <p>The rare case where the lock statement found the phone taken by a transaction that committed meanwhile (two
 * first messages of a new contact at once): the message insert takes the contact's lock itself before it writes
 * the provider id, and the contact and its runs are then read again with the lock held (one more round trip).
 */
final class JdbiConversations implements Conversations {
    private static final String CONTACT_VALUES =
            "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, now())";
    private static final String INSERT_CONTACT = "INSERT INTO contacts (" + ContactRow.COLUMNS + ", updated_at) "
            + CONTACT_VALUES;
    /**
     * One statement whether the contact is known or new: an {@code INSERT ... ON CONFLICT DO NOTHING} of a new
     * contact and a {@code SELECT ... FOR UPDATE} of the stored one, both in one {@code WITH}. Known contact: the
     * insert finds the key taken and does nothing (no row written), the select locks the row (waiting for a
     * transaction that holds it, then reading its latest version). New contact: the insert writes it, and our
     * uncommitted row is locked by the insert itself; the select sees nothing (same snapshot). When another
     * transaction is inserting the same phone, our insert waits for it to end and does nothing, the select's
     * snapshot predates that row, so a second {@code SELECT ... FOR UPDATE} (a new snapshot, READ COMMITTED) locks
     * the row it committed. Parameters: the new contact's columns, then the phone.
     */
    static final String LOCK_OR_CREATE = "WITH inserted AS (" + INSERT_CONTACT
            + " ON CONFLICT (phone) DO NOTHING RETURNING phone), locked AS (SELECT " + ContactRow.SELECT_COLUMNS
            + " FROM contacts WHERE phone = ? FOR UPDATE) SELECT (SELECT count(*) FROM inserted) AS created, locked.*"
            + " FROM (VALUES (1)) AS one LEFT JOIN locked ON true";
    private static final String LOCK = JdbiContacts.SELECT + " FOR UPDATE";
    private static final String UPSERT_CONTACT = INSERT_CONTACT + " ON CONFLICT (phone) DO UPDATE SET "
            + "name = excluded.name, language = excluded.language, fields = excluded.fields, "
            + "status = excluded.status, consent_status = excluded.consent_status, consent_at = excluded.consent_at, "
            + "consent_method = excluded.consent_method, consent_evidence = excluded.consent_evidence, "
            + "last_inbound_at = excluded.last_inbound_at, flow_texts = excluded.flow_texts, "
            + "marketing_consent = excluded.marketing_consent, marketing_consent_at = excluded.marketing_consent_at, "
            + "marketing_consent_method = excluded.marketing_consent_method, "
            + "marketing_consent_evidence = excluded.marketing_consent_evidence, updated_at = now()";
    private static final String APPEND_HISTORY = "INSERT INTO consent_history (phone, " + ConsentChangeRow.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UNFINISHED = "SELECT " + RunRow.COLUMNS
            + " FROM runs WHERE phone = ? AND status IN ('active', 'suspended') ORDER BY started_at DESC";
    private static final String UPSERT_RUN = "INSERT INTO runs (" + RunRow.COLUMNS + ") VALUES (?, ?, ?, "
            + "CAST(? AS uuid), ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, CAST(? AS uuid), ?) "
            + "ON CONFLICT (id) DO UPDATE SET "
            + "status = excluded.status, node_uuid = excluded.node_uuid, results = excluded.results, "
            + "waiting_since = excluded.waiting_since, timeout_at = excluded.timeout_at, "
            + "expires_at = excluded.expires_at, ended_at = excluded.ended_at, end_reason = excluded.end_reason, "
            + "updated_at = excluded.updated_at, optin_recorded_at = excluded.optin_recorded_at, errors = excluded.errors, "
            + "paused_action = excluded.paused_action, awaited_call = excluded.awaited_call, webhook = excluded.webhook";
    private static final String MESSAGE_VALUES = "?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS uuid), "
            + "CAST(? AS boolean)";
    private static final String INSERT_OUTBOUND = "INSERT INTO messages (" + MessageRow.COLUMNS + ") VALUES ("
            + MESSAGE_VALUES + ")";
    /**
     * The inbound message unless its provider delivered it before (ON CONFLICT turns a duplicate into "0 rows"
     * instead of an error). It first takes the sender's contact lock (its last parameter is the phone): the lock
     * statement runs first, but when it lost the race to create a new contact it could not see (so not lock) the
     * contact the winner committed meanwhile. This statement's own snapshot can, so the insert never holds a provider
     * id before the contact: two instances given the same first delivery of a new contact at once would deadlock on
     * the pair (one holding the id, the other the contact). Re-taking a lock this transaction holds costs no wait.
     */
    static final String INSERT_INBOUND = "INSERT INTO messages (" + MessageRow.COLUMNS + ") SELECT " + MESSAGE_VALUES
            + " WHERE EXISTS (SELECT 1 FROM contacts WHERE phone = ? FOR UPDATE)"
            + " ON CONFLICT (provider, provider_id) WHERE direction = 'inbound' DO NOTHING";
    private static final String UPDATE_STATUS = "UPDATE messages SET status = ?, reason = ? WHERE id = ?";
    private static final Sql COMMIT = new Sql("COMMIT", p -> { });

    private final Database db;

    JdbiConversations(Database db) {
        this.db = db;
    }

    @Override
    public <T> Optional<T> inbound(ReceivedMessage inbound, String senderName, Instant now,
                                   Function<Conversation, Turn<T>> work) {
        Contact created = Contact.newContact(inbound.phone(), senderName, now);
        MessageRow message = MessageRow.of(inbound);
        try {
            return Optional.of(db.newTransaction(h -> {
                Opened opened = open(h, created, message);
                if (!opened.recorded()) throw new Duplicate();
                return save(h, opened.conversation(), work);
            }));
        } catch (Duplicate d) {
            return Optional.empty();
        }
    }

    @Override
    public <T> Optional<T> existing(Phone phone, Function<Conversation, Turn<T>> work) {
        return db.newTransaction(h -> {
            Optional<Conversation> opened = lock(h, phone);
            return opened.map(c -> save(h, c, work));
        });
    }

    @Override
    public <T> T lockOrCreate(Phone phone, String name, Instant now, Function<Conversation, Turn<T>> work) {
        Contact created = Contact.newContact(phone, name, now);
        return db.newTransaction(h -> save(h, open(h, created, null).conversation(), work));
    }

    @Override
    public void save(Changes changes) {
        List<Sql> writes = writes(changes);
        if (writes.isEmpty()) return;
        db.newTransaction(h -> {
            commitWith(h, writes);
            return null;
        });
    }

    /**
     * A delivery its provider made before: its transaction is rolled back, so it changes nothing at all, not even
     * the contact that opening it created (the same provider id from another phone must not create one).
     */
    private static final class Duplicate extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Duplicate() {
            super("duplicate delivery", null, false, false);
        }
    }

    /** The opened conversation, and whether the inbound message (if any) was recorded (false: a duplicate). */
    private record Opened(Conversation conversation, boolean recorded) {
    }

    /** Lock or create, the inbound message's insert (when there is one) and the unfinished runs: one round trip. */
    private static Opened open(Handle h, Contact created, MessageRow inbound) {
        ContactRow contactRow = ContactRow.of(created);
        String phone = contactRow.phone();
        List<Sql> round = new ArrayList<>(3);
        round.add(new Sql(LOCK_OR_CREATE, p -> {
            bindContact(p, contactRow);
            p.text(phone);
        }));
        if (inbound != null) round.add(new Sql(INSERT_INBOUND, p -> {
            bindMessage(p, inbound);
            p.text(phone);
        }));
        round.add(new Sql(UNFINISHED, p -> p.text(phone)));
        Connection c = h.getConnection();
        Contact contact;
        boolean recorded = true;
        List<Run> runs;
        try (PreparedStatement ps = c.prepareStatement(Sql.joined(round))) {
            Sql.Params p = new Sql.Params(c, ps);
            for (Sql s : round) s.binder().bind(p);
            ps.execute();
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                contact = rs.getInt("created") == 1 ? created
                        : rs.getString("phone") != null ? ContactRow.read(rs).toContact() : null;
            }
            if (inbound != null) {
                ps.getMoreResults();
                recorded = ps.getUpdateCount() == 1;
            }
            ps.getMoreResults();
            runs = runs(ps.getResultSet());
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
        if (contact != null) return new Opened(new Conversation(contact, childFirst(runs), contact == created), recorded);
        // lost the race to create it: the winner committed it meanwhile, and our snapshot could not lock it
        Conversation locked = lock(h, created.phone())
                .orElseThrow(() -> new IllegalStateException("contact " + created.phone().masked() + " vanished"));
        return new Opened(locked, recorded);
    }

    /** The contact locked, if it exists, and its unfinished runs: one round trip. */
    private static Optional<Conversation> lock(Handle h, Phone phone) {
        List<Sql> round = List.of(new Sql(LOCK, p -> p.text(phone.digits())),
                new Sql(UNFINISHED, p -> p.text(phone.digits())));
        Connection c = h.getConnection();
        try (PreparedStatement ps = c.prepareStatement(Sql.joined(round))) {
            Sql.Params p = new Sql.Params(c, ps);
            for (Sql s : round) s.binder().bind(p);
            ps.execute();
            Contact contact = null;
            try (ResultSet rs = ps.getResultSet()) {
                if (rs.next()) contact = ContactRow.read(rs).toContact();
            }
            ps.getMoreResults();
            List<Run> runs = runs(ps.getResultSet());
            return contact == null ? Optional.empty() : Optional.of(new Conversation(contact, childFirst(runs)));
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
    }

    private static List<Run> runs(ResultSet rs) throws SQLException {
        List<Run> runs = new ArrayList<>(2);
        try (rs) {
            while (rs.next()) runs.add(RunRow.read(rs).toRun());
        }
        return runs;
    }

    /** Runs {@code work} on the opened conversation, then sends what it produced with the commit. */
    private static <T> T save(Handle h, Conversation conversation, Function<Conversation, Turn<T>> work) {
        Turn<T> turn = work.apply(conversation);
        commitWith(h, writes(turn.changes()));
        return turn.result();
    }

    /** The writes and the {@code COMMIT} in one round trip; with no writes the transaction commits as usual. */
    private static void commitWith(Handle h, List<Sql> writes) {
        if (writes.isEmpty()) return;
        List<Sql> all = new ArrayList<>(writes.size() + 1);
        all.addAll(writes);
        all.add(COMMIT);
        Sql.executeAll(h.getConnection(), all);
    }

    /**
     * The contact and its consent changes, the runs, the outbound messages and the status changes, in this order.
     * Runs leaving ACTIVE are written before runs becoming ACTIVE: the one-active-run index is checked row by row,
     * so the interrupted run must be out of the way before its successor lands.
     */
    static List<Sql> writes(Changes changes) {
        List<Sql> writes = new ArrayList<>();
        if (changes.contact() != null) {
            ContactRow row = ContactRow.of(changes.contact());
            writes.add(new Sql(UPSERT_CONTACT, p -> bindContact(p, row)));
            if (changes.contact().groupsChanged()) writes.addAll(GroupSync.of(List.of(changes.contact())));
            for (ConsentChange change : changes.consentChanges()) {
                ConsentChangeRow h = ConsentChangeRow.of(change);
                writes.add(new Sql(APPEND_HISTORY, p -> p.text(row.phone()).text(h.from()).text(h.to())
                        .text(h.method()).text(h.evidence()).text(h.flowUuid()).time(h.at()).text(h.topic())));
            }
        }
        List<Run> runs = new ArrayList<>(changes.runs());
        runs.sort(Comparator.comparing(r -> r.status() == RunStatus.ACTIVE));
        for (Run run : runs) {
            RunRow row = RunRow.of(run);
            writes.add(new Sql(UPSERT_RUN, p -> p.uuid(row.id()).text(row.flowUuid()).text(row.phone())
                    .uuidText(row.parentId()).text(row.status()).text(row.nodeUuid()).text(row.resultsJson())
                    .time(row.waitingSince()).time(row.timeoutAt()).time(row.expiresAt()).time(row.startedAt())
                    .time(row.endedAt()).text(row.endReason()).time(row.updatedAt())
                    .time(row.optinRecordedAt()).text(row.errorsJson()).text(row.pausedAction())
                    .uuidText(row.awaitedCall()).text(row.webhook())));
        }
        for (OutboundMessage m : changes.outbound()) {
            MessageRow row = MessageRow.of(m);
            writes.add(new Sql(INSERT_OUTBOUND, p -> bindMessage(p, row)));
        }
        for (StatusChange s : changes.statuses()) {
            writes.add(new Sql(UPDATE_STATUS, p -> p.text(s.status().wire()).text(s.failure()).uuid(s.messageId())));
        }
        for (Effect effect : changes.effects()) writes.add(OutreachRows.insert(effect));
        for (WebhookCall call : changes.calls()) writes.add(JdbiWebhookCalls.insert(call));
        for (UUID done : changes.callsDone()) writes.add(JdbiWebhookCalls.done(done));
        return writes;
    }

    /**
     * The active run, then its parent, grand-parent... Runs outside that chain (which the engine never leaves)
     * follow, newest first, so nothing unfinished is hidden from the caller.
     */
    static List<Run> childFirst(List<Run> runs) {
        if (runs.size() < 2) return runs;
        Map<UUID, Run> byId = new LinkedHashMap<>();
        Set<UUID> parents = new HashSet<>();
        for (Run r : runs) {
            byId.put(r.id(), r);
            if (r.parentId() != null) parents.add(r.parentId());
        }
        Run run = runs.stream().filter(r -> r.status() == RunStatus.ACTIVE).findFirst()
                .orElseGet(() -> runs.stream().filter(r -> !parents.contains(r.id())).findFirst()
                        .orElse(runs.get(0)));
        List<Run> ordered = new ArrayList<>(runs.size());
        while (run != null && byId.remove(run.id()) != null) {
            ordered.add(run);
            run = run.parentId() == null ? null : byId.get(run.parentId());
        }
        ordered.addAll(byId.values());
        return ordered;
    }

    private static void bindContact(Sql.Params p, ContactRow row) throws SQLException {
        p.text(row.phone()).text(row.name()).text(row.language()).text(row.fieldsJson())
                .text(row.status()).text(row.consentStatus()).time(row.consentAt()).text(row.consentMethod())
                .text(row.consentEvidence()).time(row.lastInboundAt()).time(row.createdAt()).text(row.flowTextsJson())
                .text(row.marketingStatus()).time(row.marketingAt()).text(row.marketingMethod())
                .text(row.marketingEvidence());
    }

    private static void bindMessage(Sql.Params p, MessageRow row) throws SQLException {
        p.uuid(row.id()).text(row.phone()).text(row.direction()).text(row.type()).text(row.text())
                .text(row.content()).text(row.provider()).text(row.providerId()).text(row.status())
                .text(row.flowUuid()).text(row.reason()).time(row.at()).uuidText(row.runId())
                .text(Boolean.toString(row.optinAsk()));
    }
}
