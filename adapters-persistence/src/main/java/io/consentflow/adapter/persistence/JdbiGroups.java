package io.consentflow.adapter.persistence;

import io.consentflow.application.port.in.GroupName;
import io.consentflow.application.port.in.GroupView;
import io.consentflow.application.port.out.Groups;
import io.consentflow.domain.consent.ConsentState;
import io.consentflow.domain.contact.Phone;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups and their members ({@code groups}, {@code group_members}, V10). A membership change locks the contacts it
 * names {@code FOR UPDATE} in phone order, as a conversation and an import do, and the group {@code FOR SHARE}, so a
 * deletion of the group waits for it.
 */
final class JdbiGroups implements Groups {
    /**
     * Members by consent from the counts kept (V19), whatever the group's size: what the fold has moved into
     * group_counts, the memberships added or removed since, and for each member whose contact's consent changed since
     * (its phone still on a delta) its contact's consent now instead of the one counted. Exact at any moment; the
     * deltas of the last seconds are a few pages (the fold vacuums them). {@code %s}: the group, or none for all.
     */
    private static final String VIEWS = """
            WITH pending AS (SELECT DISTINCT phone FROM count_deltas WHERE phone IS NOT NULL),
            moved AS (
                SELECT m.group_id, m.counted_consent, c.consent_status
                FROM pending p JOIN group_members m ON m.phone = p.phone JOIN contacts c ON c.phone = m.phone
                WHERE m.counted_consent IS DISTINCT FROM c.consent_status %2$s),
            counts AS (
                SELECT group_id, consent_status, sum(n) AS n FROM (
                    SELECT group_id, consent_status, n FROM group_counts WHERE true %1$s
                    UNION ALL SELECT group_id, consent_status, n FROM count_deltas WHERE group_id IS NOT NULL %1$s
                    UNION ALL SELECT group_id, consent_status, 1 FROM moved
                    UNION ALL SELECT group_id, counted_consent, -1 FROM moved WHERE counted_consent IS NOT NULL) u
                GROUP BY group_id, consent_status HAVING sum(n) <> 0)
            SELECT g.id, g.name, x.consent_status, x.n FROM groups g LEFT JOIN counts x ON x.group_id = g.id %3$s""";
    private static final String ALL = VIEWS.formatted("", "", "");
    private static final String ONE = VIEWS.formatted("AND group_id = :id", "AND m.group_id = :id", "WHERE g.id = :id");
    private static final String UNIQUE_VIOLATION = "23505";

    private final Database db;

    JdbiGroups(Database db) {
        this.db = db;
    }

    @Override
    public List<GroupView> list() {
        return db.withHandle(h -> views(h, ALL, null));
    }

    /** The groups table alone (a few rows): no membership is read. Sorted here, as {@link #list()} is. */
    @Override
    public List<GroupName> names() {
        List<GroupName> names = new ArrayList<>(db.withHandle(h -> h.createQuery("SELECT id, name FROM groups")
                .map((rs, ctx) -> new GroupName(rs.getLong("id"), rs.getString("name"))).list()));
        names.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return names;
    }

    @Override
    public Optional<GroupView> find(long id) {
        return db.withHandle(h -> views(h, ONE, id))
                .stream().findFirst();
    }

    private static List<GroupView> views(Handle h, String sql, Long id) {
        Map<Long, String> names = new LinkedHashMap<>();
        Map<Long, Map<ConsentState, Long>> counts = new LinkedHashMap<>();
        var query = h.createQuery(sql);
        if (id != null) query.bind("id", id.longValue());
        query.map((rs, ctx) -> {
            long gid = rs.getLong("id");
            names.put(gid, rs.getString("name"));
            Map<ConsentState, Long> byConsent = counts.computeIfAbsent(gid, k -> new EnumMap<>(ConsentState.class));
            String consent = rs.getString("consent_status");
            if (consent != null) byConsent.put(ConsentState.fromWire(consent), rs.getLong("n"));
            return gid;
        }).list();
        List<GroupView> views = new ArrayList<>(names.size());
        names.forEach((gid, name) -> {
            Map<ConsentState, Long> byConsent = counts.get(gid);
            long members = byConsent.values().stream().mapToLong(Long::longValue).sum();
            views.add(new GroupView(gid, name, members, byConsent));
        });
        views.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return views;
    }

    @Override
    public Optional<GroupView> create(String name) {
        Optional<Long> id = db.withHandle(h -> h.createQuery("INSERT INTO groups (name) VALUES (:name)"
                        + " ON CONFLICT ((lower(name))) DO NOTHING RETURNING id")
                .bind("name", name).mapTo(Long.class).findOne());
        return id.map(i -> new GroupView(i, name, 0, Map.of()));
    }

    @Override
    public Renamed rename(long id, String name) {
        try {
            int n = db.withHandle(h -> h.createUpdate("UPDATE groups SET name = :name WHERE id = :id")
                    .bind("name", name).bind("id", id).execute());
            return n == 0 ? Renamed.NO_GROUP : Renamed.RENAMED;
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) return Renamed.TAKEN;
            throw e;
        }
    }

    @Override
    public boolean delete(long id) {
        return db.withHandle(h -> h.createUpdate("DELETE FROM groups WHERE id = :id").bind("id", id).execute()) > 0;
    }

    @Override
    public List<Phone> addMembers(long id, List<Phone> phones) {
        try {
            return addAll(id, phones);
        } catch (Unknown e) {
            return e.phones;
        }
    }

    /** Some phones have no contact: the transaction rolls back, nothing added. */
    private static final class Unknown extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<Phone> phones;

        Unknown(List<Phone> phones) {
            super("unknown contacts", null, false, false);
            this.phones = phones;
        }
    }

    private List<Phone> addAll(long id, List<Phone> phones) {
        return db.newTransaction(h -> {
            if (!lockGroup(h, id)) return null;
            List<String> digits = phones.stream().map(Phone::digits).toList();
            Set<String> found = new HashSet<>(lockContacts(h, digits));
            List<Phone> unknown = phones.stream().filter(p -> !found.contains(p.digits())).toList();
            if (!unknown.isEmpty()) throw new Unknown(unknown);
            // with the contact's consent and status as counted (V19)
            h.createUpdate("INSERT INTO group_members (group_id, phone, counted_consent, counted_status)"
                            + " SELECT :id, c.phone, c.consent_status, c.status FROM unnest(CAST(:phones AS text[])) AS p"
                            + " JOIN contacts c ON c.phone = p ON CONFLICT DO NOTHING")
                    .bind("id", id).bindArray("phones", String.class, digits).execute();
            return List.of();
        });
    }

    @Override
    public boolean removeMembers(long id, List<Phone> phones) {
        return db.newTransaction(h -> {
            if (!lockGroup(h, id)) return false;
            List<String> digits = lockContacts(h, phones.stream().map(Phone::digits).toList());
            h.createUpdate("DELETE FROM group_members WHERE group_id = :id AND phone = ANY(CAST(:phones AS text[]))")
                    .bind("id", id).bindArray("phones", String.class, digits).execute();
            return true;
        });
    }

    private static boolean lockGroup(Handle h, long id) {
        return h.createQuery("SELECT id FROM groups WHERE id = :id FOR SHARE").bind("id", id).mapTo(Long.class)
                .findOne().isPresent();
    }

    /** The phones that have a contact, each locked, in phone order. */
    private static List<String> lockContacts(Handle h, List<String> digits) {
        return h.createQuery("SELECT phone FROM contacts WHERE phone = ANY(CAST(:phones AS text[])) ORDER BY phone FOR UPDATE")
                .bindArray("phones", String.class, digits).mapTo(String.class).list();
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) return true;
        }
        return false;
    }
}
