package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Contacts;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import org.jdbi.v3.core.Handle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

final class JdbiContacts implements Contacts {
    private static final String SELECT = "SELECT " + ContactRow.COLUMNS + " FROM contacts WHERE phone = :phone";
    static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String VALUES = "VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), now())";
    private static final String INSERT = "INSERT INTO contacts (" + ContactRow.COLUMNS + ", updated_at) " + VALUES;
    static final String LOCK_OR_CREATE = "WITH inserted AS (" + INSERT
            + " ON CONFLICT (phone) DO NOTHING RETURNING phone), locked AS (SELECT " + ContactRow.COLUMNS
            + " FROM contacts WHERE phone = ? FOR UPDATE) SELECT (SELECT count(*) FROM inserted) AS created, locked.*"
            + " FROM (VALUES (1)) AS one LEFT JOIN locked ON true";
    private static final String UPSERT = INSERT + " ON CONFLICT (phone) DO UPDATE SET name = excluded.name, "
            + "language = excluded.language, fields = excluded.fields, groups = excluded.groups, "
            + "status = excluded.status, consent_status = excluded.consent_status, consent_at = excluded.consent_at, "
            + "consent_method = excluded.consent_method, consent_evidence = excluded.consent_evidence, "
            + "last_inbound_at = excluded.last_inbound_at, flow_texts = excluded.flow_texts, updated_at = now()";
    private static final String APPEND_HISTORY = "INSERT INTO consent_history (phone, " + ConsentChangeRow.COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String HISTORY = "SELECT " + ConsentChangeRow.COLUMNS
            + " FROM consent_history WHERE phone = :phone ORDER BY at, id";

    private final Database db;
    /**
     * How many of a Contact object's {@link Contact#newConsentChanges()} are already written. The domain never
     * clears that list, so saving the same object twice (after recording the inbound message, then after the
     * flow ran) must not append its changes twice. Weak keys: the entry goes with the object.
     */
    private final Map<Contact, Integer> historyWritten = Collections.synchronizedMap(new WeakHashMap<>());

    JdbiContacts(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Contact> find(Phone phone) {
        return db.withHandle(h -> select(h, SELECT, phone));
    }

    /**
     * One statement whether the contact is known or new: an {@code INSERT ... ON CONFLICT DO NOTHING} of a new
     * contact and a {@code SELECT ... FOR UPDATE} of the stored one, both in one {@code WITH}. Known contact: the
     * insert finds the key taken and does nothing (no row written), the select locks the row (waiting for a
     * transaction that holds it, then reading its latest version). New contact: the insert writes it, and our
     * uncommitted row is locked by the insert itself; the select sees nothing (same snapshot). When another
     * transaction is inserting the same phone, our insert waits for it to end and does nothing, the select's
     * snapshot predates that row, so a second {@code SELECT ... FOR UPDATE} (a new snapshot, READ COMMITTED) locks
     * the row it committed. Same locks as insert-then-select; one round trip for a new contact instead of two.
     */
    @Override
    public Contact lockOrCreate(Phone phone, String name, Instant now) {
        Contact created = Contact.newContact(phone, name, now);
        ContactRow row = ContactRow.of(created);
        return db.withHandle(h -> {
            Connection c = h.getConnection();
            try (PreparedStatement ps = c.prepareStatement(LOCK_OR_CREATE)) {
                Sql.Params p = new Sql.Params(c, ps);
                bind(p, row);
                p.text(phone.digits());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt("created") == 1) return created;
                    if (rs.getString("phone") != null) return ContactRow.read(rs).toContact();
                }
            } catch (SQLException e) {
                throw new Sql.StatementFailed(e);
            }
            return select(h, SELECT_FOR_UPDATE, phone)
                    .orElseThrow(() -> new IllegalStateException("contact " + phone.masked() + " vanished"));
        });
    }

    /**
     * The upsert and the new consent changes, in one round trip; inside a transaction they wait for its next
     * statement or its commit ({@link UnitOfWork}).
     */
    @Override
    public void save(Contact contact) {
        ContactRow row = ContactRow.of(contact);
        List<Sql> statements = new ArrayList<>(2);
        statements.add(new Sql(UPSERT, p -> bind(p, row)));
        List<ConsentChange> changes = contact.newConsentChanges();
        int written = historyWritten.getOrDefault(contact, 0);
        for (ConsentChange change : changes.subList(Math.min(written, changes.size()), changes.size())) {
            ConsentChangeRow h = RowMapping.INSTANCE.toRow(change);
            statements.add(new Sql(APPEND_HISTORY, p -> p.text(row.phone()).text(h.from()).text(h.to())
                    .text(h.method()).text(h.evidence()).text(h.flowUuid()).time(h.at())));
        }
        db.write(statements);
        if (written >= changes.size()) return;
        historyWritten.put(contact, changes.size());
        db.afterRollback(() -> historyWritten.put(contact, written));
    }

    @Override
    public List<ConsentChange> history(Phone phone) {
        return db.withHandle(h -> h.createQuery(HISTORY).bind("phone", phone.digits())
                .map((rs, ctx) -> RowMapping.INSTANCE.toConsentChange(ConsentChangeRow.read(rs))).list());
    }

    static Optional<Contact> select(Handle h, String sql, Phone phone) {
        return h.createQuery(sql).bind("phone", phone.digits())
                .map((rs, ctx) -> ContactRow.read(rs)).findOne().map(ContactRow::toContact);
    }

    static void bind(Sql.Params p, ContactRow row) throws SQLException {
        p.text(row.phone()).text(row.name()).text(row.language()).text(row.fieldsJson()).textArray(row.groups())
                .text(row.status()).text(row.consentStatus()).time(row.consentAt()).text(row.consentMethod())
                .text(row.consentEvidence()).time(row.lastInboundAt()).time(row.createdAt()).text(row.flowTextsJson());
    }
}
