package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.ContactBatches;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A batch of contacts in two round trips, whatever its size:
 * <ol>
 *   <li><b>Open</b>: the contacts that exist locked {@code FOR UPDATE} in phone order and read with their groups
 *   (one {@code SELECT}); the others are new, made in memory.</li>
 *   <li><b>Save</b>: the new contacts in one {@code INSERT ... SELECT FROM unnest} as the work left them (no
 *   insert-then-update: each row is written once), the changed ones in one {@code UPDATE ... FROM unnest}, their
 *   consent changes in one {@code INSERT ... SELECT FROM unnest}, their groups ({@link GroupSync}), and the
 *   {@code COMMIT}.</li>
 * </ol>
 * A new contact is locked by its own insert. If another transaction created one of them meanwhile (an inbound
 * message from that phone), the insert fails on the phone's key and the whole batch runs again, that contact now
 * existing and locked with the others. Phones are locked in order, as every other change to contacts locks them,
 * so two batches (or a batch and a conversation) wait for each other instead of deadlocking; a deadlock all the
 * same is retried.
 */
final class JdbiContactBatches implements ContactBatches {
    /** A batch that met a contact created meanwhile is run again, at most this many times. */
    private static final int MAX_CREATION_RACES = 3;
    private static final String INSERT_NEW = "INSERT INTO contacts (phone, name, language, fields, status, "
            + "consent_status, consent_at, consent_method, consent_evidence, created_at, updated_at) "
            + "SELECT phone, name, language, CAST(fields AS jsonb), status, consent_status, CAST(consent_at AS timestamptz), "
            + "consent_method, consent_evidence, CAST(created_at AS timestamptz), now() "
            + "FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), "
            + "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) "
            + "AS u(phone, name, language, fields, status, consent_status, consent_at, consent_method, consent_evidence, "
            + "created_at) ORDER BY phone";
    private static final String LOCK = "SELECT " + ContactRow.SELECT_COLUMNS
            + " FROM contacts WHERE phone = ANY(CAST(? AS text[])) ORDER BY phone FOR UPDATE";
    private static final String UPDATE = "UPDATE contacts AS c SET name = u.name, language = u.language, "
            + "fields = CAST(u.fields AS jsonb), status = u.status, consent_status = u.consent_status, "
            + "consent_at = CAST(u.consent_at AS timestamptz), consent_method = u.consent_method, "
            + "consent_evidence = u.consent_evidence, updated_at = now() "
            + "FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), "
            + "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) "
            + "AS u(phone, name, language, fields, status, consent_status, consent_at, consent_method, consent_evidence) "
            + "WHERE c.phone = u.phone";
    private static final String APPEND_HISTORY = "INSERT INTO consent_history (phone, " + ConsentChangeRow.COLUMNS
            + ") SELECT phone, f, t, m, e, fl, CAST(a AS timestamptz), topic FROM unnest(CAST(? AS text[]), "
            + "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), "
            + "CAST(? AS text[]), CAST(? AS text[])) AS h(phone, f, t, m, e, fl, a, topic)";
    private static final Sql COMMIT = new Sql("COMMIT", p -> { });

    private final Database db;

    JdbiContactBatches(Database db) {
        this.db = db;
    }

    @Override
    public <T> T inBatch(Set<Phone> phones, Instant now, Function<Batch, Turn<T>> work) {
        List<String> digits = new ArrayList<>(new TreeSet<>(phones.stream().map(Phone::digits).toList()));
        for (int attempt = 1; ; attempt++) {
            try {
                return db.newTransaction(h -> {
                    Batch batch = open(h, digits, now);
                    Turn<T> turn = work.apply(batch);
                    List<Contact> created = new ArrayList<>(batch.created().size());
                    List<Contact> changed = new ArrayList<>(turn.changed().size());
                    for (Contact c : turn.changed()) if (!batch.created().contains(c.phone())) changed.add(c);
                    for (Phone p : batch.created()) created.add(batch.contacts().get(p));
                    Sql.executeAll(h.getConnection(), writes(created, changed));
                    return turn.result();
                });
            } catch (RuntimeException e) {
                if (attempt < MAX_CREATION_RACES && createdMeanwhile(e)) continue;
                throw e;
            }
        }
    }

    /** Another transaction inserted one of the batch's new contacts first. */
    private static boolean createdMeanwhile(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())
                    && String.valueOf(sql.getMessage()).contains("contacts_pkey")) {
                return true;
            }
        }
        return false;
    }

    private static Batch open(Handle h, List<String> digits, Instant now) {
        Connection c = h.getConnection();
        Map<Phone, Contact> contacts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK)) {
            new Sql.Params(c, ps).textArray(digits);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Contact contact = ContactRow.read(rs).toContact();
                    contacts.put(contact.phone(), contact);
                }
            }
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
        Set<Phone> created = new HashSet<>();
        for (String d : digits) {
            Phone p = new Phone(d);
            if (!contacts.containsKey(p)) {
                contacts.put(p, Contact.newContact(p, null, now));
                created.add(p);
            }
        }
        return new Batch(contacts, created);
    }

    private static List<Sql> writes(List<Contact> created, List<Contact> changed) {
        List<Sql> writes = new ArrayList<>();
        List<Contact> all = new ArrayList<>(created.size() + changed.size());
        all.addAll(created);
        all.addAll(changed);
        if (!created.isEmpty()) writes.add(insert(created));
        if (!all.isEmpty()) {
            Columns updated = new Columns(changed);
            List<String> hPhone = new ArrayList<>(), hFrom = new ArrayList<>(), hTo = new ArrayList<>(),
                    hMethod = new ArrayList<>(), hEvidence = new ArrayList<>(), hFlow = new ArrayList<>(),
                    hAt = new ArrayList<>(), hTopic = new ArrayList<>();
            List<Contact> regrouped = new ArrayList<>();
            for (Contact contact : all) {
                for (ConsentChange change : contact.drainConsentChanges()) {
                    ConsentChangeRow h = ConsentChangeRow.of(change);
                    hPhone.add(contact.phone().digits());
                    hFrom.add(h.from());
                    hTo.add(h.to());
                    hMethod.add(h.method());
                    hEvidence.add(h.evidence());
                    hFlow.add(h.flowUuid());
                    hAt.add(h.at().toString());
                    hTopic.add(h.topic());
                }
                if (contact.groupsChanged()) regrouped.add(contact);
            }
            if (!changed.isEmpty()) writes.add(new Sql(UPDATE, updated::bind));
            if (!hPhone.isEmpty()) {
                writes.add(new Sql(APPEND_HISTORY, p -> p.textArray(hPhone).textArray(hFrom).textArray(hTo)
                        .textArray(hMethod).textArray(hEvidence).textArray(hFlow).textArray(hAt).textArray(hTopic)));
            }
            if (!regrouped.isEmpty()) writes.addAll(GroupSync.of(regrouped));
        }
        writes.add(COMMIT);
        return writes;
    }

    private static Sql insert(List<Contact> created) {
        Columns columns = new Columns(created);
        List<String> createdAt = created.stream().map(c -> c.createdAt().toString()).toList();
        return new Sql(INSERT_NEW, p -> columns.bind(p).textArray(createdAt));
    }

    /** The columns the insert and the update both write, one array per column, in the contacts' order. */
    private static final class Columns {
        final List<String> phone = new ArrayList<>(), name = new ArrayList<>(), language = new ArrayList<>(),
                fields = new ArrayList<>(), status = new ArrayList<>(), consent = new ArrayList<>(),
                at = new ArrayList<>(), method = new ArrayList<>(), evidence = new ArrayList<>();

        Columns(List<Contact> contacts) {
            for (Contact contact : contacts) {
                ContactRow row = ContactRow.of(contact);
                phone.add(row.phone());
                name.add(row.name());
                language.add(row.language());
                fields.add(row.fieldsJson());
                status.add(row.status());
                consent.add(row.consentStatus());
                at.add(row.consentAt() == null ? null : row.consentAt().toString());
                method.add(row.consentMethod());
                evidence.add(row.consentEvidence());
            }
        }

        Sql.Params bind(Sql.Params p) throws SQLException {
            return p.textArray(phone).textArray(name).textArray(language).textArray(fields).textArray(status)
                    .textArray(consent).textArray(at).textArray(method).textArray(evidence);
        }
    }
}
