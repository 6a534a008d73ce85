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
 *   <li><b>Open</b>: the missing contacts inserted (one {@code INSERT ... SELECT FROM unnest}), then all of them
 *   locked {@code FOR UPDATE} in phone order and read with their groups (one {@code SELECT}).</li>
 *   <li><b>Save</b>: the changed contacts in one {@code UPDATE ... FROM unnest}, their consent changes in one
 *   {@code INSERT ... SELECT FROM unnest}, their groups ({@link GroupSync}), and the {@code COMMIT}.</li>
 * </ol>
 * Phones are inserted and locked in order, as every other change to contacts locks them, so two batches (or a
 * batch and a conversation) wait for each other instead of deadlocking; a deadlock all the same is retried.
 */
final class JdbiContactBatches implements ContactBatches {
    private static final String INSERT_MISSING = "INSERT INTO contacts (phone, name, language, fields, status, "
            + "consent_status, created_at, updated_at) SELECT p, NULL, '" + Contact.DEFAULT_LANGUAGE + "', '{}'::jsonb, "
            + "'valid', 'unknown', ?, now() FROM unnest(CAST(? AS text[])) AS p ORDER BY p "
            + "ON CONFLICT (phone) DO NOTHING RETURNING phone";
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
            + ") SELECT phone, f, t, m, e, fl, CAST(a AS timestamptz) FROM unnest(CAST(? AS text[]), CAST(? AS text[]), "
            + "CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) "
            + "AS h(phone, f, t, m, e, fl, a)";
    private static final Sql COMMIT = new Sql("COMMIT", p -> { });

    private final Database db;

    JdbiContactBatches(Database db) {
        this.db = db;
    }

    @Override
    public <T> T inBatch(Set<Phone> phones, Instant now, Function<Batch, Turn<T>> work) {
        List<String> digits = new ArrayList<>(new TreeSet<>(phones.stream().map(Phone::digits).toList()));
        return db.newTransaction(h -> {
            Batch batch = open(h, digits, now);
            Turn<T> turn = work.apply(batch);
            Sql.executeAll(h.getConnection(), writes(turn.changed()));
            return turn.result();
        });
    }

    private static Batch open(Handle h, List<String> digits, Instant now) {
        Connection c = h.getConnection();
        List<Sql> round = List.of(new Sql(INSERT_MISSING, p -> p.time(now).textArray(digits)),
                new Sql(LOCK, p -> p.textArray(digits)));
        Set<Phone> created = new HashSet<>();
        Map<Phone, Contact> contacts = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(Sql.joined(round))) {
            Sql.Params p = new Sql.Params(c, ps);
            for (Sql s : round) s.binder().bind(p);
            ps.execute();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) created.add(new Phone(rs.getString(1)));
            }
            ps.getMoreResults();
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    Contact contact = ContactRow.read(rs).toContact();
                    contacts.put(contact.phone(), contact);
                }
            }
        } catch (SQLException e) {
            throw new Sql.StatementFailed(e);
        }
        return new Batch(contacts, created);
    }

    private static List<Sql> writes(List<Contact> changed) {
        List<Sql> writes = new ArrayList<>();
        if (!changed.isEmpty()) {
            int n = changed.size();
            List<String> phone = new ArrayList<>(n), name = new ArrayList<>(n), language = new ArrayList<>(n),
                    fields = new ArrayList<>(n), status = new ArrayList<>(n), consent = new ArrayList<>(n),
                    at = new ArrayList<>(n), method = new ArrayList<>(n), evidence = new ArrayList<>(n);
            List<String> hPhone = new ArrayList<>(), hFrom = new ArrayList<>(), hTo = new ArrayList<>(),
                    hMethod = new ArrayList<>(), hEvidence = new ArrayList<>(), hFlow = new ArrayList<>(),
                    hAt = new ArrayList<>();
            List<Contact> regrouped = new ArrayList<>();
            for (Contact contact : changed) {
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
                for (ConsentChange change : contact.drainConsentChanges()) {
                    ConsentChangeRow h = ConsentChangeRow.of(change);
                    hPhone.add(row.phone());
                    hFrom.add(h.from());
                    hTo.add(h.to());
                    hMethod.add(h.method());
                    hEvidence.add(h.evidence());
                    hFlow.add(h.flowUuid());
                    hAt.add(h.at().toString());
                }
                if (contact.groupsChanged()) regrouped.add(contact);
            }
            writes.add(new Sql(UPDATE, p -> p.textArray(phone).textArray(name).textArray(language).textArray(fields)
                    .textArray(status).textArray(consent).textArray(at).textArray(method).textArray(evidence)));
            if (!hPhone.isEmpty()) {
                writes.add(new Sql(APPEND_HISTORY, p -> p.textArray(hPhone).textArray(hFrom).textArray(hTo)
                        .textArray(hMethod).textArray(hEvidence).textArray(hFlow).textArray(hAt)));
            }
            if (!regrouped.isEmpty()) writes.addAll(GroupSync.of(regrouped));
        }
        writes.add(COMMIT);
        return writes;
    }
}
