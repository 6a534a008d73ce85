package io.consentflow.adapter.persistence;

import io.consentflow.domain.contact.Contact;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes contacts' group memberships as the contacts have them, for any number of contacts in three statements:
 * groups named for the first time are created, memberships the contacts no longer have are deleted, the others
 * inserted. Names match groups ignoring case. The caller holds the contacts' locks, and every membership change
 * takes them, so writing the whole set loses nobody else's change.
 */
final class GroupSync {
    private static final String CREATE_GROUPS = "INSERT INTO groups (name) SELECT n FROM unnest(CAST(? AS text[])) AS n"
            + " ON CONFLICT ((lower(name))) DO NOTHING";
    private static final String DELETE_OTHERS = "DELETE FROM group_members m USING unnest(CAST(? AS text[])) AS c(phone)"
            + " WHERE m.phone = c.phone AND NOT EXISTS (SELECT 1 FROM unnest(CAST(? AS text[]), CAST(? AS text[]))"
            + " AS x(phone, name) JOIN groups g ON lower(g.name) = lower(x.name)"
            + " WHERE x.phone = m.phone AND g.id = m.group_id)";
    /** With the contact's consent and status as counted (V19), read here rather than by a trigger per row. */
    private static final String INSERT_MEMBERS = "INSERT INTO group_members (group_id, phone, counted_consent, counted_status)"
            + " SELECT DISTINCT g.id, x.phone, c.consent_status, c.status"
            + " FROM unnest(CAST(? AS text[]), CAST(? AS text[])) AS x(phone, name)"
            + " JOIN groups g ON lower(g.name) = lower(x.name) JOIN contacts c ON c.phone = x.phone ON CONFLICT DO NOTHING";

    private GroupSync() {
    }

    static List<Sql> of(List<Contact> contacts) {
        List<String> phones = new ArrayList<>(contacts.size());
        List<String> memberPhones = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Contact c : contacts) {
            phones.add(c.phone().digits());
            for (String g : c.groups()) {
                memberPhones.add(c.phone().digits());
                names.add(g);
            }
        }
        List<Sql> writes = new ArrayList<>(3);
        if (!names.isEmpty()) writes.add(new Sql(CREATE_GROUPS, p -> p.textArray(names)));
        writes.add(new Sql(DELETE_OTHERS, p -> p.textArray(phones).textArray(memberPhones).textArray(names)));
        if (!names.isEmpty()) writes.add(new Sql(INSERT_MEMBERS, p -> p.textArray(memberPhones).textArray(names)));
        return writes;
    }
}
