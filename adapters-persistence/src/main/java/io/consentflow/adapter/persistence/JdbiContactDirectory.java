package io.consentflow.adapter.persistence;

import io.consentflow.application.port.in.ContactPage;
import io.consentflow.application.port.in.ContactQuery;
import io.consentflow.application.port.out.ContactDirectory;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.ContactStatus;
import io.consentflow.domain.contact.Phone;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.util.List;
import java.util.function.Consumer;

/**
 * The contact list and export: keyset pages in phone order, so a page never repeats or skips a contact that
 * existed when the previous one was read, whatever is inserted meanwhile. Each filter walks an index in phone order
 * and stops at the page's end: a group its members' primary key (V10), a group with consent or status its members'
 * {@code (group_id, counted_consent | counted_status, phone)} index (V19), consent and status alone the contacts'
 * {@code (column, phone)} indexes (V10), a phone prefix a range of the contacts' primary key. A name prefix is found
 * in {@code contacts_by_name_prefix} and sorted.
 */
final class JdbiContactDirectory implements ContactDirectory {
    /** Rows the export reads from the server at a time: memory stays flat however many contacts there are. */
    private static final int FETCH = 1000;

    private final Database db;

    JdbiContactDirectory(Database db) {
        this.db = db;
    }

    @Override
    public ContactPage page(ContactQuery query) {
        List<Contact> rows = db.withHandle(h -> query(h, query, true).mapTo(Contact.class).list());
        if (rows.size() <= query.limit()) return new ContactPage(rows, null);
        List<Contact> page = rows.subList(0, query.limit());
        return new ContactPage(page, page.get(page.size() - 1).phone());
    }

    @Override
    public void forEach(ContactQuery filters, Consumer<Contact> each) {
        db.newTransaction(h -> {
            // a cursor (fetch size) needs a transaction; it reads FETCH rows at a time
            query(h, filters, false).setFetchSize(FETCH).mapTo(Contact.class).useStream(s -> s.forEach(each));
            return null;
        });
    }

    /** The SQL of a query; {@code paged}: after its keyset and one row more than its limit (is there a next page?). */
    static String sql(ContactQuery q, boolean paged) {
        String key = q.groupId() == null ? "contacts.phone" : "m.phone";
        StringBuilder sql = new StringBuilder("SELECT ").append(ContactRow.SELECT_COLUMNS).append(" FROM contacts");
        if (q.groupId() != null) sql.append(" JOIN ").append(members(q, paged)).append(" ON m.phone = contacts.phone");
        sql.append(" WHERE true");
        if (q.consent() != null) sql.append(" AND contacts.consent_status = :consent");
        if (q.status() != null) sql.append(" AND contacts.status = :status");
        if (q.namePrefix() != null) sql.append(" AND lower(contacts.name) LIKE lower(:namePattern)");
        keyRange(sql, q, key, paged);
        sql.append(" ORDER BY ").append(key);
        if (paged) sql.append(" LIMIT :limit");
        return sql.toString();
    }

    /**
     * A group's members. With a consent or a status filter, two parts (V19): the members counted with it whose
     * contact has not changed since (no delta names their phone, so what was counted is what the contact has: its
     * own index, in phone order, so a filter that matches few of a million members reads few; a page stops after
     * its rows), and the members whose contact changed since (their phone still on a delta, a few at any time), for
     * the contact's own columns to decide.
     */
    private static String members(ContactQuery q, boolean paged) {
        if (q.consent() == null && q.status() == null) return "(SELECT phone FROM group_members WHERE group_id = :group) m";
        StringBuilder counted = new StringBuilder("SELECT phone FROM group_members WHERE group_id = :group");
        if (q.consent() != null) counted.append(" AND counted_consent = :consent");
        if (q.status() != null) counted.append(" AND counted_status = :status");
        // the status index (partial) holds the members that are not 'valid'; said as a literal, so the planner may use it
        if (q.consent() == null && q.status() != ContactStatus.VALID) counted.append(" AND counted_status <> 'valid'");
        counted.append(" AND phone NOT IN (SELECT phone FROM count_deltas WHERE phone IS NOT NULL)");
        keyRange(counted, q, "phone", paged);
        // the name is the contact's: rows it leaves out must not use up the part's page
        if (paged && q.namePrefix() == null) counted.append(" ORDER BY phone LIMIT :limit");
        return "((" + counted + ") UNION ALL (SELECT m.phone FROM group_members m WHERE m.group_id = :group"
                + " AND m.phone IN (SELECT phone FROM count_deltas WHERE phone IS NOT NULL))) m";
    }

    /** The phone prefix's range and the page's keyset on {@code key}. */
    private static void keyRange(StringBuilder sql, ContactQuery q, String key, boolean paged) {
        if (q.phonePrefix() != null) {
            sql.append(" AND ").append(key).append(" >= :prefix AND left(").append(key).append(", :prefixLength) = :prefix");
            if (upperBound(q.phonePrefix()) != null) sql.append(" AND ").append(key).append(" < :prefixEnd");
        }
        if (paged && q.after() != null) sql.append(" AND ").append(key).append(" > :after");
    }

    private static Query query(Handle h, ContactQuery q, boolean paged) {
        Query query = h.createQuery(sql(q, paged));
        if (q.groupId() != null) query.bind("group", q.groupId().longValue());
        if (q.consent() != null) query.bind("consent", q.consent().wire());
        if (q.status() != null) query.bind("status", q.status().wire());
        String phonePrefix = q.phonePrefix();
        if (phonePrefix != null) {
            query.bind("prefix", phonePrefix).bind("prefixLength", phonePrefix.length());
            String end = upperBound(phonePrefix);
            if (end != null) query.bind("prefixEnd", end);
        }
        if (q.namePrefix() != null) query.bind("namePattern", likeEscaped(q.namePrefix()) + "%");
        if (paged && q.after() != null) query.bind("after", q.after().digits());
        if (paged) query.bind("limit", q.limit() + 1);
        return query;
    }

    /**
     * The smallest digit string above every phone starting with {@code prefix} ("9199" gives "92"), so the prefix is
     * an index range; null when there is none (all nines).
     */
    static String upperBound(String prefix) {
        int end = prefix.length();
        while (end > 0 && prefix.charAt(end - 1) == '9') end--;
        if (end == 0) return null;
        return prefix.substring(0, end - 1) + (char) (prefix.charAt(end - 1) + 1);
    }

    private static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

}
