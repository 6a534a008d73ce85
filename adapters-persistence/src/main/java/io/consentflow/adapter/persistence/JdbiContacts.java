package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Contacts;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.SqlStatement;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

final class JdbiContacts implements Contacts {
    private static final String SELECT = "SELECT " + ContactRow.COLUMNS + " FROM contacts WHERE phone = :phone";
    private static final String SELECT_FOR_UPDATE = SELECT + " FOR UPDATE";
    private static final String VALUES = "VALUES (:phone, :name, :language, CAST(:fields AS jsonb), :groups, :status, "
            + ":consentStatus, :consentAt, :consentMethod, :consentEvidence, :lastInboundAt, :createdAt, now())";
    private static final String INSERT = "INSERT INTO contacts (" + ContactRow.COLUMNS + ", updated_at) " + VALUES;
    private static final String INSERT_NEW = INSERT + " ON CONFLICT (phone) DO NOTHING";
    private static final String UPSERT = INSERT + " ON CONFLICT (phone) DO UPDATE SET name = excluded.name, "
            + "language = excluded.language, fields = excluded.fields, groups = excluded.groups, "
            + "status = excluded.status, consent_status = excluded.consent_status, consent_at = excluded.consent_at, "
            + "consent_method = excluded.consent_method, consent_evidence = excluded.consent_evidence, "
            + "last_inbound_at = excluded.last_inbound_at, updated_at = now()";
    private static final String APPEND_HISTORY = "INSERT INTO consent_history (phone, " + ConsentChangeRow.COLUMNS
            + ") VALUES (:phone, :from, :to, :method, :evidence, :flowUuid, :at)";
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
     * The common case (a known contact) costs one statement: {@code SELECT ... FOR UPDATE}. A new contact is
     * inserted with {@code ON CONFLICT DO NOTHING}: our uncommitted row is locked by the insert itself. When another
     * transaction inserted the same phone first, our insert waits for it to end, does nothing, and the second
     * {@code SELECT ... FOR UPDATE} (a new snapshot, READ COMMITTED) locks the row it committed.
     */
    @Override
    public Contact lockOrCreate(Phone phone, String name, Instant now) {
        return db.withHandle(h -> {
            Optional<Contact> existing = select(h, SELECT_FOR_UPDATE, phone);
            if (existing.isPresent()) return existing.get();
            Contact created = Contact.newContact(phone, name, now);
            if (bind(h.createUpdate(INSERT_NEW), ContactRow.of(created)).execute() == 1) return created;
            return select(h, SELECT_FOR_UPDATE, phone)
                    .orElseThrow(() -> new IllegalStateException("contact " + phone.masked() + " vanished"));
        });
    }

    @Override
    public void save(Contact contact) {
        db.useHandle(h -> {
            bind(h.createUpdate(UPSERT), ContactRow.of(contact)).execute();
            List<ConsentChange> changes = contact.newConsentChanges();
            int written = historyWritten.getOrDefault(contact, 0);
            if (written >= changes.size()) return;
            PreparedBatch batch = h.prepareBatch(APPEND_HISTORY);
            for (ConsentChange change : changes.subList(written, changes.size())) {
                ConsentChangeRow row = RowMapping.INSTANCE.toRow(change);
                batch.bind("phone", contact.phone().digits()).bind("from", row.from()).bind("to", row.to())
                        .bind("method", row.method()).bind("evidence", row.evidence())
                        .bind("flowUuid", row.flowUuid()).bind("at", Times.utc(row.at())).add();
            }
            batch.execute();
            historyWritten.put(contact, changes.size());
            if (h.isInTransaction()) h.afterRollback(() -> historyWritten.put(contact, written));
        });
    }

    @Override
    public List<ConsentChange> history(Phone phone) {
        return db.withHandle(h -> h.createQuery(HISTORY).bind("phone", phone.digits())
                .map((rs, ctx) -> RowMapping.INSTANCE.toConsentChange(ConsentChangeRow.read(rs))).list());
    }

    private static Optional<Contact> select(Handle h, String sql, Phone phone) {
        return h.createQuery(sql).bind("phone", phone.digits())
                .map((rs, ctx) -> ContactRow.read(rs)).findOne().map(ContactRow::toContact);
    }

    private static <S extends SqlStatement<S>> S bind(S statement, ContactRow row) {
        return statement.bind("phone", row.phone()).bind("name", row.name()).bind("language", row.language())
                .bind("fields", row.fieldsJson()).bindArray("groups", String.class, row.groups())
                .bind("status", row.status()).bind("consentStatus", row.consentStatus())
                .bind("consentAt", Times.utc(row.consentAt())).bind("consentMethod", row.consentMethod())
                .bind("consentEvidence", row.consentEvidence())
                .bind("lastInboundAt", Times.utc(row.lastInboundAt()))
                .bind("createdAt", Times.utc(row.createdAt()));
    }
}
