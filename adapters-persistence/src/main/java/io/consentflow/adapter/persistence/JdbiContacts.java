package io.consentflow.adapter.persistence;

import io.consentflow.application.port.out.Contacts;
import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.util.List;
import java.util.Optional;

/** Contacts and their consent history as committed; {@link JdbiConversations} writes them. */
final class JdbiContacts implements Contacts {
    static final String SELECT = "SELECT " + ContactRow.SELECT_COLUMNS + " FROM contacts WHERE phone = ?";
    private static final String HISTORY = "SELECT " + ConsentChangeRow.COLUMNS
            + " FROM consent_history WHERE phone = :phone ORDER BY at, id";

    private static final String GROUP = "SELECT m.phone FROM group_members m JOIN groups g ON g.id = m.group_id "
            + "WHERE lower(g.name) = lower(?) ORDER BY m.phone";

    private final Database db;

    JdbiContacts(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Contact> find(Phone phone) {
        return db.withHandle(h -> h.createQuery(SELECT).bind(0, phone.digits()).mapTo(Contact.class).findOne());
    }

    /** A group named ignoring case, as flows and the groups API name them. */
    @Override
    public List<Phone> phonesInGroup(String name) {
        return db.withHandle(h -> h.createQuery(GROUP).bind(0, name).mapTo(String.class).list())
                .stream().map(Phone::new).toList();
    }

    @Override
    public List<ConsentChange> history(Phone phone) {
        return db.withHandle(h -> h.createQuery(HISTORY).bind("phone", phone.digits())
                .mapTo(ConsentChange.class).list());
    }
}
