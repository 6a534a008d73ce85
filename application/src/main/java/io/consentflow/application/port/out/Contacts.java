package io.consentflow.application.port.out;

import io.consentflow.domain.consent.ConsentChange;
import io.consentflow.domain.contact.Contact;
import io.consentflow.domain.contact.Phone;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The contacts and their consent history. */
public interface Contacts {
    Optional<Contact> find(Phone phone);

    /**
     * Inside a transaction: creates the contact if it does not exist ({@link Contact#newContact}), then locks its
     * row until the transaction ends, so one contact's messages are applied one at a time across instances.
     */
    Contact lockOrCreate(Phone phone, String name, Instant now);

    /** Writes the contact's state and appends {@link Contact#newConsentChanges()} to its history. */
    void save(Contact contact);

    /** Oldest first. */
    List<ConsentChange> history(Phone phone);
}
