package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Messages;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.message.Direction;
import io.consentflow.domain.message.Message;
import io.consentflow.domain.message.MessageStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbiMessages implements Messages {
    private static final String INSERT = "INSERT INTO messages (" + MessageRow.COLUMNS + ") VALUES (?, ?, ?, ?, ?, "
            + "CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS uuid), CAST(? AS boolean))";
    /** ON CONFLICT turns a duplicate into "0 rows" instead of an error, so the caller's transaction goes on. */
    static final String INSERT_INBOUND = INSERT
            + " ON CONFLICT (provider, provider_id) WHERE direction = 'inbound' DO NOTHING";
    /**
     * {@link #INSERT_INBOUND} that first takes the sender's contact lock (its last parameter is the phone), for
     * {@link JdbiInbox}: there the lock statement runs first, but when it lost the race to create a new contact it
     * could not see (so not lock) the contact the winner committed meanwhile. Its own statement snapshot can, so the
     * insert never holds a provider id before the contact: two instances given the same first delivery of a new
     * contact at once deadlocked on the pair (one held the id, the other the contact), stalling the pool for a
     * second. Re-taking a lock this transaction holds costs no wait.
     */
    static final String INSERT_INBOUND_LOCKED = "INSERT INTO messages (" + MessageRow.COLUMNS + ") SELECT ?, ?, ?, ?, "
            + "?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, CAST(? AS uuid), CAST(? AS boolean) "
            + "WHERE EXISTS (SELECT 1 FROM contacts WHERE phone = ? FOR UPDATE)"
            + " ON CONFLICT (provider, provider_id) WHERE direction = 'inbound' DO NOTHING";
    private static final String SELECT = "SELECT " + MessageRow.COLUMNS + " FROM messages";

    private final Database db;

    JdbiMessages(Database db) {
        this.db = db;
    }

    static void requireInbound(Message inbound) {
        if (inbound.direction() != Direction.INBOUND) throw new IllegalArgumentException("not an inbound message");
        if (inbound.provider() == null || inbound.providerId() == null) {
            throw new IllegalArgumentException("an inbound message needs its provider and provider id (dedupe key)");
        }
    }

    @Override
    public boolean recordInbound(Message inbound) {
        requireInbound(inbound);
        MessageRow row = RowMapping.INSTANCE.toRow(inbound);
        Sql insert = new Sql(INSERT_INBOUND, p -> bind(p, row));
        UnitOfWork unit = db.unitOfWork();
        if (unit == null) {
            return db.withHandle(h -> {
                Connection c = h.getConnection();
                try (PreparedStatement ps = c.prepareStatement(INSERT_INBOUND)) {
                    insert.binder().bind(new Sql.Params(c, ps));
                    return ps.executeUpdate() == 1;
                } catch (SQLException e) {
                    throw new Sql.StatementFailed(e);
                }
            });
        }
        return recordAndReadAhead(unit, insert, row.phone());
    }

    /**
     * Inside a transaction: the writes it held back, this insert, then the contact's unfinished runs (what the
     * inbound path reads next), each its own statement, in one round trip.
     */
    private static boolean recordAndReadAhead(UnitOfWork unit, Sql insert, String phone) {
        List<Sql> all = unit.drainWith(withReadAhead(List.of(insert), phone));
        Connection c = unit.handle().getConnection();
        try (PreparedStatement ps = c.prepareStatement(Sql.joined(all))) {
            Sql.Params p = new Sql.Params(c, ps);
            for (Sql s : all) s.binder().bind(p);
            ps.execute();
            for (int i = 0; i < all.size() - 2; i++) ps.getMoreResults();   // the held-back writes
            boolean inserted = ps.getUpdateCount() == 1;
            keepReadAhead(ps, unit, phone);
            return inserted;
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
    }

    /** {@code statements}, then the read the inbound path makes next: the contact's unfinished runs. */
    static List<Sql> withReadAhead(List<Sql> statements, String phone) {
        List<Sql> all = new ArrayList<>(statements);
        all.add(new Sql(JdbiRuns.UNFINISHED_BY_POSITION, p -> p.text(phone)));
        return all;
    }

    /** Reads the result of {@link #withReadAhead}'s read (the next result) into {@code unit}. */
    static void keepReadAhead(PreparedStatement ps, UnitOfWork unit, String phone) throws SQLException {
        ps.getMoreResults();
        List<RunRow> runs = new ArrayList<>(2);
        try (ResultSet rs = ps.getResultSet()) {
            while (rs.next()) runs.add(RunRow.read(rs));
        }
        unit.unfinishedRuns(phone, runs);
    }

    /** Inside a transaction they wait for its next statement or its commit ({@link UnitOfWork}). */
    @Override
    public void addOutbound(List<Message> outbound) {
        if (outbound.isEmpty()) return;
        for (Message m : outbound) {
            if (m.direction() != Direction.OUTBOUND) throw new IllegalArgumentException("not an outbound message");
        }
        List<Sql> inserts = new ArrayList<>(outbound.size());
        for (Message m : outbound) {
            MessageRow row = RowMapping.INSTANCE.toRow(m);
            inserts.add(new Sql(INSERT, p -> bind(p, row)));
        }
        db.write(inserts);
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

    static void bind(Sql.Params p, MessageRow row) throws SQLException {
        p.uuid(row.id()).text(row.phone()).text(row.direction()).text(row.type()).text(row.text())
                .text(row.content()).text(row.provider()).text(row.providerId()).text(row.status())
                .text(row.flowUuid()).text(row.reason()).time(row.at()).uuidText(row.runId())
                .text(Boolean.toString(row.optinAsk()));
    }
}
