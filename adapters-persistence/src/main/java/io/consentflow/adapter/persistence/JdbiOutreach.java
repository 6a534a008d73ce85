package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.OutreachQueue;
import io.consentflow.domain.contact.Phone;
import io.consentflow.domain.flow.effect.Outreach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The outreach queue (V9). Listing takes the item's row {@code FOR UPDATE SKIP LOCKED} so two instances list it
 * once; a recipient is taken by an {@code UPDATE ... WHERE done_at IS NULL} in the caller's transaction (the
 * recipient's conversation), so it is done exactly when that transaction commits.
 */
final class JdbiOutreach implements OutreachQueue {
    private static final String UNLISTED = "SELECT " + OutreachRows.OUTREACH_COLUMNS
            + " FROM outreach o WHERE o.listed_at IS NULL ORDER BY o.created_at, o.id LIMIT ?";
    private static final String LOCK_UNLISTED = "SELECT id FROM outreach WHERE id = ? AND listed_at IS NULL"
            + " FOR UPDATE SKIP LOCKED";
    private static final String ADD_RECIPIENTS = "INSERT INTO outreach_recipients (outreach_id, phone)"
            + " SELECT ?, unnest(CAST(? AS text[])) ON CONFLICT DO NOTHING";
    private static final String LISTED = "UPDATE outreach SET listed_at = ? WHERE id = ?";
    private static final String PENDING = "SELECT r.phone AS recipient, " + OutreachRows.OUTREACH_COLUMNS
            + " FROM outreach_recipients r JOIN outreach o ON o.id = r.outreach_id WHERE r.done_at IS NULL"
            + " ORDER BY o.created_at, r.outreach_id, r.phone LIMIT ?";
    private static final String TAKE = "UPDATE outreach_recipients SET done_at = ?, outcome = ?"
            + " WHERE outreach_id = ? AND phone = ? AND done_at IS NULL";

    private final Database db;

    JdbiOutreach(Database db) {
        this.db = db;
    }

    @Override
    public List<Outreach> unlisted(int limit) {
        return db.withHandle(h -> h.createQuery(UNLISTED).bind(0, limit)
                .map((rs, ctx) -> OutreachRows.outreach(rs)).list());
    }

    @Override
    public void list(UUID outreachId, Collection<Phone> phones, Instant at) {
        db.newTransaction(h -> {
            if (h.createQuery(LOCK_UNLISTED).bind(0, outreachId).mapTo(UUID.class).findOne().isEmpty()) return null;
            String[] digits = phones.stream().map(Phone::digits).toArray(String[]::new);
            h.createUpdate(ADD_RECIPIENTS).bind(0, outreachId).bind(1, digits).execute();
            h.createUpdate(LISTED).bind(0, Times.utc(at)).bind(1, outreachId).execute();
            return null;
        });
    }

    @Override
    public List<Pending> pending(int limit) {
        return db.withHandle(h -> h.createQuery(PENDING).bind(0, limit)
                .map((rs, ctx) -> new Pending(OutreachRows.outreach(rs), new Phone(rs.getString("recipient"))))
                .list());
    }

    @Override
    public boolean take(UUID outreachId, Phone phone, String outcome, Instant at) {
        return db.withHandle(h -> h.createUpdate(TAKE).bind(0, Times.utc(at)).bind(1, outcome).bind(2, outreachId)
                .bind(3, phone.digits()).execute()) == 1;
    }
}
