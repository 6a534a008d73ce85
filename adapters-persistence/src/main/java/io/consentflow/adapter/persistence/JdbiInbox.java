package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Inbox;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.message.Message;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * An inbound message's first round trip, inside its transaction: the writes the transaction held back, then
 * {@link JdbiContacts#LOCK_OR_CREATE}, the message's {@code INSERT ... ON CONFLICT DO NOTHING} and the
 * contact's unfinished runs, each its own statement, in this order, in one round trip
 * (PostgreSQL runs them one after the other, so the insert and the read come after the lock). The runs are kept
 * in the {@link UnitOfWork} for the {@code Runs.unfinished} that follows.
 *
 * <p>Lock, insert and reads used to be two round trips; with the commit's, one message now costs two.
 *
 * <p>The rare case where the lock statement found the phone taken by a transaction that committed meanwhile (two
 * first messages of a new contact at once): the message insert ({@link JdbiMessages#INSERT_INBOUND_LOCKED}) takes the
 * contact's lock itself before it writes the provider id, and the contact is then read with a second
 * {@code SELECT ... FOR UPDATE} (no wait: the lock is held); the runs read ahead are dropped and read again.
 */
final class JdbiInbox implements Inbox {
    private final Database db;
    private final Inbox unpipelined;

    JdbiInbox(Database db, JdbiContacts contacts, JdbiMessages messages) {
        this.db = db;
        this.unpipelined = Inbox.of(contacts, messages);
    }

    @Override
    public Admission admit(Message inbound, String senderName, Instant now) {
        JdbiMessages.requireInbound(inbound);
        UnitOfWork unit = db.unitOfWork();
        if (unit == null) return unpipelined.admit(inbound, senderName, now);

        Contact created = Contact.newContact(inbound.phone(), senderName, now);
        ContactRow contactRow = ContactRow.of(created);
        MessageRow messageRow = RowMapping.INSTANCE.toRow(inbound);
        String phone = inbound.phone().digits();
        List<Sql> all = unit.drainWith(JdbiMessages.withReadAhead(List.of(
                new Sql(JdbiContacts.LOCK_OR_CREATE, p -> {
                    JdbiContacts.bind(p, contactRow);
                    p.text(phone);
                }),
                new Sql(JdbiMessages.INSERT_INBOUND_LOCKED, p -> {
                    JdbiMessages.bind(p, messageRow);
                    p.text(phone);
                })), phone));
        Connection c = unit.handle().getConnection();
        Contact contact;
        boolean inserted;
        try (PreparedStatement ps = c.prepareStatement(Sql.joined(all))) {
            Sql.Params p = new Sql.Params(c, ps);
            for (Sql s : all) s.binder().bind(p);
            ps.execute();
            for (int i = 0; i < all.size() - 3; i++) ps.getMoreResults();   // the held-back writes
            try (ResultSet rs = ps.getResultSet()) {
                rs.next();
                contact = rs.getInt("created") == 1 ? created
                        : rs.getString("phone") != null ? ContactRow.read(rs).toContact() : null;
            }
            ps.getMoreResults();
            inserted = ps.getUpdateCount() == 1;
            JdbiMessages.keepReadAhead(ps, unit, phone);
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
        if (contact == null) {
            unit.runsChanged();
            contact = JdbiContacts.select(unit.handle(), JdbiContacts.SELECT_FOR_UPDATE, inbound.phone())
                    .orElseThrow(() -> new IllegalStateException("contact " + inbound.phone().masked() + " vanished"));
        }
        return new Admission(contact, !inserted);
    }
}
